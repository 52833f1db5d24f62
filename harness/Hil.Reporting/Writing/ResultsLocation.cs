using Hil.Reporting.Contracts;

namespace Hil.Reporting.Writing;

/// <summary>
/// Where results go: the run config's Allure folder (<see cref="RunConfigFile"/>: the file `hil run`
/// hands over, else HIL_ALLURE_RESULTS, else results/allure under the repository root).
/// </summary>
public static class ResultsLocation
{
    public const string EnvironmentVariable = "HIL_ALLURE_RESULTS";

    public static string Resolve() => RunConfigFile.Current.Results.AllureResults;

    /// <summary>
    /// For an assembly that keeps its results apart (the report UI tests): <paramref name="variable"/>
    /// if set, else <paramref name="defaultDirectory"/> under the repository root (or the current
    /// directory outside a repository). The usual variable goes through the run config.
    /// </summary>
    public static string Resolve(string variable, string defaultDirectory)
    {
        if (variable == EnvironmentVariable)
        {
            return Resolve();
        }

        var fromEnv = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(fromEnv) ? ResultsLayout.UnderRepository(defaultDirectory) : Path.GetFullPath(fromEnv);
    }
}
