using System.Globalization;
using System.Text.RegularExpressions;
using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.Rigs;

namespace Hil.Latency.Running.Compare;

/// <summary>
/// `hil dext build`: configures and builds the probe dext's sim host with CMake (through
/// <see cref="ProcessRunner"/>) in a build tree per option set under build/, then writes the
/// dext build directory (dext/README.md "A dext build") next to DIR and renames it into place,
/// so a reader sees the old build or the new one, never half of one.
/// </summary>
public static partial class DextBuilder
{
    public sealed record Options(string OutDirectory, long SendExtraNs = 0, string IdentitySuffix = "");

    public static async Task<DextBuild> BuildAsync(Options options, TimeProvider time, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        Check(options);
        var root = RepositoryRoot.Find();
        var tree = Path.Combine(root, "build", $"dext-build-{(options.IdentitySuffix.Length == 0 ? "plain" : options.IdentitySuffix)}-{options.SendExtraNs}");
        progress($"configuring {tree} (HIL_SEND_EXTRA_NS={options.SendExtraNs}, HIL_IDENTITY_SUFFIX='{options.IdentitySuffix}')");
        await RunAsync(new ProcessCommand("cmake", [
            "-S", Path.Combine(root, "dext"), "-B", tree, "-DCMAKE_BUILD_TYPE=Release", "-DHIL_SANITIZE=OFF", "-DHIL_FUZZ=OFF",
            "-DHIL_DRIVERKIT_CHECK=OFF", $"-DHIL_SEND_EXTRA_NS={options.SendExtraNs.ToString(CultureInfo.InvariantCulture)}",
            $"-DHIL_IDENTITY_SUFFIX={options.IdentitySuffix}",
        ]) { Timeout = TimeSpan.FromMinutes(5), WaitedFor = $"cmake to configure {tree}" }, time, cancellationToken).ConfigureAwait(false);
        progress($"building hil-simhost in {tree}");
        await RunAsync(new ProcessCommand("cmake", ["--build", tree, "--target", "hil-simhost", "-j2"])
        {
            Timeout = TimeSpan.FromMinutes(15), WaitedFor = $"cmake to build hil-simhost in {tree}", OnOutputLine = line => Progress(line, progress),
        }, time, cancellationToken).ConfigureAwait(false);
        var commit = await CommitAsync(root, time, cancellationToken).ConfigureAwait(false);
        var bundleId = Hil.Dext.DextPlist.Load(Path.Combine(tree, DextBuild.PlistName)).BundleIdentifier
            ?? throw new InfrastructureException($"{Path.Combine(tree, DextBuild.PlistName)}: the generated plist has no CFBundleIdentifier");
        var built = new DextBuild(Path.GetFullPath(options.OutDirectory), bundleId, options.IdentitySuffix, options.SendExtraNs, commit,
            time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        Publish(tree, built);
        progress($"wrote {built.Directory} (bundle id {bundleId}, send_extra_ns {options.SendExtraNs}, commit {commit})");
        return DextBuild.Load(built.Directory);
    }

    private static void Check(Options options)
    {
        if (options.SendExtraNs is < 0 or > 10_000_000)
        {
            throw new InputException($"--send-extra-ns {options.SendExtraNs}: expected 0..10,000,000 ns");
        }

        if (!SuffixPattern().IsMatch(options.IdentitySuffix))
        {
            throw new InputException($"--identity '{options.IdentitySuffix}': expected lower-case letters and digits only (it ends bundle ids and class names)");
        }
    }

    /// <summary>Staged beside the target, then renamed: a reader never sees half a build.</summary>
    private static void Publish(string tree, DextBuild built)
    {
        var target = built.Directory;
        var staging = $"{target}.staging-{Environment.ProcessId}";
        var old = $"{target}.old-{Environment.ProcessId}";
        Directory.CreateDirectory(staging);
        File.Copy(Path.Combine(tree, DextBuild.SimHostName), Path.Combine(staging, DextBuild.SimHostName), overwrite: true);
        File.Copy(Path.Combine(tree, DextBuild.PlistName), Path.Combine(staging, DextBuild.PlistName), overwrite: true);
        AtomicFile.WriteAllText(Path.Combine(staging, DextBuild.ManifestName), built.ToJson());
        if (Directory.Exists(target))
        {
            Directory.Move(target, old);
        }

        Directory.Move(staging, target);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
    }

    private static async Task RunAsync(ProcessCommand command, TimeProvider time, CancellationToken cancellationToken) =>
        (await ProcessRunner.RunAsync(command with { MissingHint = "install cmake and g++ (Debian: apt-get install cmake g++)" }, time, cancellationToken)
            .ConfigureAwait(false)).EnsureSuccess();

    private static async Task<string> CommitAsync(string root, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await ProcessRunner.RunAsync(
                new ProcessCommand("git", ["-C", root, "rev-parse", "HEAD"]) { Timeout = TimeSpan.FromSeconds(30), WaitedFor = "git rev-parse HEAD" },
                time, cancellationToken).ConfigureAwait(false);
            return outcome.Succeeded ? outcome.StandardOutput.Trim() : "unknown";
        }
        catch (InfrastructureException)
        {
            // A source tarball without git still builds; build.json then says so.
            return "unknown";
        }
    }

    /// <summary>CMake's percentage lines are the progress worth showing; the rest is kept in the outcome.</summary>
    private static void Progress(string line, Action<string> progress)
    {
        if (line.StartsWith('[') && line.Contains("Built target", StringComparison.Ordinal))
        {
            progress($"  {line.Trim()}");
        }
    }

    [GeneratedRegex("^[a-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SuffixPattern();
}
