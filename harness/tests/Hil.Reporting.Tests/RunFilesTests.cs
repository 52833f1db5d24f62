using Hil.Reporting.Runtime;
using Hil.Reporting.Writing;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Reporting.Tests;

public class RunFilesTests
{
    [Test]
    public void ExecutorComesFromGitHubVariablesWhenPresent()
    {
        var env = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_REPOSITORY"] = "acme/hil",
            ["GITHUB_SERVER_URL"] = "https://github.example",
            ["GITHUB_RUN_NUMBER"] = "17",
            ["GITHUB_RUN_ID"] = "99",
            ["GITHUB_WORKFLOW"] = "nightly",
        };
        var executor = RunFiles.Executor(new RunInfo { Rig = "mini-1" }, k => env.GetValueOrDefault(k));

        Assert.Multiple(() =>
        {
            Assert.That((string?)executor["type"], Is.EqualTo("github"));
            Assert.That((long?)executor["buildOrder"], Is.EqualTo(17));
            Assert.That((string?)executor["buildName"], Is.EqualTo("nightly #17"));
            Assert.That((string?)executor["buildUrl"], Is.EqualTo("https://github.example/acme/hil/actions/runs/99"));
            Assert.That((string?)executor["reportName"], Is.EqualTo("HIL report: mini-1"));
        });
    }

    [Test]
    public void WithoutCiTheExecutorIsLocal()
    {
        var executor = RunFiles.Executor(new RunInfo(), _ => null);
        Assert.That((string?)executor["type"], Is.EqualTo("local"));
    }

    [Test]
    public void ARunThatNamesNoRigTakesTheEarlierWritersRigForTheReportName()
    {
        Assert.Multiple(() =>
        {
            Assert.That((string?)RunFiles.Executor(new RunInfo(), _ => null, "sim-default")["reportName"], Is.EqualTo("HIL report: sim-default"));
            Assert.That((string?)RunFiles.Executor(new RunInfo { Rig = "mini-1" }, _ => null, "sim-default")["reportName"], Is.EqualTo("HIL report: mini-1"));
        });
    }

    [Test]
    public void PropertiesEscapeKeysAndLineBreaks()
    {
        var text = RunFiles.EnvironmentProperties([new("OS build", "a=b\nc")]);
        Assert.That(text, Is.EqualTo("OS\\ build=a=b\\nc\n"));
    }

    [Test]
    public void PropertiesReadBackAsWritten()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hil-props-{Guid.NewGuid():N}.properties");
        try
        {
            File.WriteAllText(path, RunFiles.EnvironmentProperties([new("OS build", "a=b\nc:d"), new("Rig", "sim")]));
            Assert.That(RunFiles.ReadProperties(path), Is.EquivalentTo(new Dictionary<string, string> { ["OS build"] = "a=b\nc:d", ["Rig"] = "sim" }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ALaterWriterKeepsTheKeysItLacksAndWinsOnTheOthers()
    {
        var earlier = new Dictionary<string, string> { ["Rig"] = "sim", ["Host"] = "old", ["Dext version"] = "1.2" };
        var merged = RunFiles.Keep(earlier, [new("Host", "new"), new("Commit", "abc")]);
        Assert.That(merged, Is.EqualTo(new KeyValuePair<string, string>[]
        {
            new("Commit", "abc"), new("Dext version", "1.2"), new("Host", "new"), new("Rig", "sim"),
        }));
    }

    [Test]
    public void StampsAreEpochMillisecondsAdvancedByMonotonicTime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
        var clock = new AllureClock(time);
        time.Advance(TimeSpan.FromMilliseconds(1234));
        Assert.That(clock.NowEpochMs(), Is.EqualTo(1_800_000_001_234));
    }

    [Test]
    public void AnAttachmentExtensionOutsideAllureSourceCharactersIsRefusedByName()
    {
        var writer = new ResultsWriter(Path.Combine(Path.GetTempPath(), "hil-allure-tests", Guid.NewGuid().ToString("N")));
        try
        {
            Assert.That(() => writer.WriteAttachment([1], "p/ng"), Throws.ArgumentException.With.Message.Contains("'p/ng'"));
        }
        finally
        {
            Directory.Delete(writer.Directory, recursive: true);
        }
    }
}

/// <summary>The OS build readers see: what sw_vers or uname -r would print, never a bare runtime string.</summary>
public class HostOsTests
{
    [Test]
    public void MacOsShowsTheProductVersionAndBuildAsSwVersDoes()
    {
        const string plist = """
            <dict>
              <key>ProductBuildVersion</key>
              <string>23F79</string>
              <key>ProductName</key>
              <string>macOS</string>
              <key>ProductVersion</key>
              <string>14.5</string>
            </dict>
            """;
        Assert.That(HostOs.FromSystemVersion(plist), Is.EqualTo("macOS 14.5 (23F79)"));
    }

    [Test]
    public void LinuxShowsTheDistributionAndTheKernelRelease()
    {
        const string osRelease = "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n";
        Assert.Multiple(() =>
        {
            Assert.That(HostOs.FromLinux(osRelease, "6.1.0-18-amd64\n"), Is.EqualTo("Debian GNU/Linux 12 (bookworm), kernel 6.1.0-18-amd64"));
            Assert.That(HostOs.FromLinux("", "6.1.0-18-amd64"), Is.EqualTo("Linux, kernel 6.1.0-18-amd64"));
        });
    }

    [Test]
    public void ThisHostsEnvironmentNamesItsKernelRelease()
    {
        var osBuild = new RunInfo().EnvironmentEntries().Single(e => e.Key == "OS build").Value;
        if (File.Exists("/proc/sys/kernel/osrelease"))
        {
            Assert.That(osBuild, Does.EndWith("kernel " + File.ReadAllText("/proc/sys/kernel/osrelease").Trim()));
        }
        else
        {
            Assert.That(osBuild, Is.Not.Empty);
        }
    }
}

/// <summary>The commit line of the environment: known in a plain checkout and in a worktree, left out otherwise.</summary>
public sealed class GitCommitTests : Hil.TestSupport.TempFolderTest
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Test]
    public void APlainCheckoutsHeadNamesTheCommit()
    {
        var git = Directory.CreateDirectory(Path.Combine(Dir, "repo", ".git")).FullName;
        File.WriteAllText(Path.Combine(git, "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(Path.Combine(git, "packed-refs"), $"# pack-refs with: peeled\n{Sha} refs/heads/main\n");
        Assert.That(GitCommit.FromCheckout(Path.Combine(Dir, "repo")), Is.EqualTo(Sha));
    }

    [Test]
    public void AWorktreeFindsItsBranchInTheCommonDirectory()
    {
        var common = Directory.CreateDirectory(Path.Combine(Dir, "main", ".git")).FullName;
        var own = Directory.CreateDirectory(Path.Combine(common, "worktrees", "wt")).FullName;
        Directory.CreateDirectory(Path.Combine(common, "refs", "heads"));
        File.WriteAllText(Path.Combine(common, "refs", "heads", "wt"), Sha + "\n");
        File.WriteAllText(Path.Combine(own, "HEAD"), "ref: refs/heads/wt\n");
        File.WriteAllText(Path.Combine(own, "commondir"), "../..\n");
        var worktree = Directory.CreateDirectory(Path.Combine(Dir, "wt")).FullName;
        File.WriteAllText(Path.Combine(worktree, ".git"), $"gitdir: {own}\n");
        Assert.That(GitCommit.FromCheckout(worktree), Is.EqualTo(Sha));
    }

    [Test]
    public void NoCheckoutMeansNoCommitLineRatherThanAPlaceholder()
    {
        Assert.That(GitCommit.FromCheckout(Dir), Is.Null);
    }
}
