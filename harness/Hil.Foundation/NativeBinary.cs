namespace Hil.Foundation;

/// <summary>
/// A program the dext's CMake build makes (hil-simhost, hil-floor, hil-simclient), found one way
/// by everyone who runs it: a path the caller was given (an option, or the binary's environment
/// variable), else <c>build/dext/NAME</c> under the <see cref="RepositoryRoot"/>. Missing is an
/// infrastructure fault that names where it looked and how to build it.
/// </summary>
public sealed record NativeBinary(string Name, string? EnvironmentVariable = null)
{
    /// <summary>How to build every native binary, from the repository root.</summary>
    public const string BuildCommand = "cmake -S dext -B build/dext && cmake --build build/dext";

    public static NativeBinary SimHost { get; } = new("hil-simhost", "HIL_SIMHOST");

    public static NativeBinary Floor { get; } = new("hil-floor");

    public static NativeBinary SimClient { get; } = new("hil-simclient");

    /// <summary>Where the build puts it under <paramref name="repositoryRoot"/>.</summary>
    public string PathUnder(string repositoryRoot) => Path.Combine(repositoryRoot, "build", "dext", Name);

    /// <param name="givenPath">A path the caller was given; null reads <see cref="EnvironmentVariable"/>. Either must exist.</param>
    /// <param name="searchStart">Where to look for the repository root (default: see <see cref="RepositoryRoot.Find"/>).</param>
    /// <exception cref="InfrastructureException">The given path is not a file, or the build has not made the binary.</exception>
    public string Locate(string? givenPath = null, string? searchStart = null)
    {
        var given = givenPath ?? (EnvironmentVariable is { } variable ? Environment.GetEnvironmentVariable(variable) : null);
        if (!string.IsNullOrEmpty(given))
        {
            return File.Exists(given)
                ? given
                : throw new InfrastructureException(
                    $"{EnvironmentVariable ?? Name}={given}: no such file; unset it or point it at a built {Name}");
        }

        var root = RepositoryRoot.Find(searchStart);
        var built = PathUnder(root);
        var instead = EnvironmentVariable is { } name ? $" (nor ${name})" : "";
        return File.Exists(built)
            ? built
            : throw new InfrastructureException($"{Name} not found at {built}{instead}; build it from {root} with `{BuildCommand}`");
    }
}
