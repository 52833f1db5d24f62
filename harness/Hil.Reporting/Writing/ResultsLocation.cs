using Hil.Foundation;
namespace Hil.Reporting.Writing;

/// <summary>Where results go: HIL_ALLURE_RESULTS if set, else results/allure under the repository root.</summary>
public static class ResultsLocation
{
    public const string EnvironmentVariable = "HIL_ALLURE_RESULTS";

    public static string Resolve() => Resolve(EnvironmentVariable, Path.Combine("results", "allure"));

    /// <summary>
    /// <paramref name="variable"/> if set, else <paramref name="defaultDirectory"/> under the
    /// repository root (or the current directory outside a repository).
    /// </summary>
    public static string Resolve(string variable, string defaultDirectory)
    {
        var fromEnv = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Path.GetFullPath(fromEnv);
        }

        var root = RepositoryRoot.TryFind(AppContext.BaseDirectory) ?? RepositoryRoot.TryFind(Environment.CurrentDirectory);
        return Path.GetFullPath(Path.Combine(root ?? Environment.CurrentDirectory, defaultDirectory));
    }
}
