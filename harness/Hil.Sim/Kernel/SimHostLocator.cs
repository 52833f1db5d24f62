using Hil.Foundation;

namespace Hil.Sim;

/// <summary>
/// Finds the hil-simhost binary: $HIL_SIMHOST, else &lt;repo root&gt;/build/dext/simhost/hil-simhost
/// or &lt;repo root&gt;/build/dext/hil-simhost (where the dext's CMake puts it).
/// </summary>
internal static class SimHostLocator
{
    public const string EnvironmentVariable = "HIL_SIMHOST";
    public const string BuildCommand = "cmake -S dext -B build/dext && cmake --build build/dext";

    public static string Locate(string? fromEnvironment, string? searchStart = null)
    {
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new InfrastructureException(
                    $"{EnvironmentVariable}={fromEnvironment}: no such file; unset it or point it at a built hil-simhost");
        }

        var root = RepositoryRoot.Find(searchStart);
        var candidates = new[]
        {
            Path.Combine(root, "build", "dext", "simhost", "hil-simhost"),
            Path.Combine(root, "build", "dext", "hil-simhost"),
        };
        return candidates.FirstOrDefault(File.Exists) ?? throw new InfrastructureException(
            $"hil-simhost not found at {candidates[0]} (nor {candidates[1]}, nor ${EnvironmentVariable}); " +
            $"build it from {root} with `{BuildCommand}`");
    }
}
