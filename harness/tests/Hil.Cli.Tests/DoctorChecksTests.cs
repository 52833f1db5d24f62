using Hil.Cli.Doctor;
using Hil.Rigs;

namespace Hil.Cli.Tests;

public sealed class DoctorChecksTests
{
    private sealed class FakeHost(bool mac, params string[] present) : IHostProbe
    {
        public bool IsMacOS => mac;

        public bool FileExists(string path) => present.Contains(path);

        public string? FindOnPath(string command) => present.Contains(command) ? $"/usr/bin/{command}" : null;
    }

    private static RigSpec Rig(string yaml) => RigFile.Parse(yaml, "/rigs/t.yaml");

    [Test]
    public void A_missing_tool_is_reported_with_how_to_get_it()
    {
        var checks = DoctorChecks.Run("/repo", null, new FakeHost(false, "dotnet", "g++", "npm"));

        var cmake = checks.Single(c => c.What == "cmake");
        Assert.That(cmake.Present, Is.False);
        Assert.That(cmake.Fix, Is.EqualTo("apt-get install cmake"));
        Assert.That(checks.Single(c => c.What == "dotnet").Present, Is.True);
    }

    [Test]
    public void A_hub_rig_needs_its_cli_and_a_serial_rig_its_port()
    {
        var rig = Rig("rig: t\npower:\n  hub: { kind: uhubctl, location: 1-1, channels: 4 }\n  r: { kind: lcus, port: /dev/ttyUSB7, channels: 2 }\n");

        var checks = DoctorChecks.Run("/repo", rig, new FakeHost(false, "/dev/ttyUSB7"));

        Assert.That(checks.Single(c => c.Area == "switch hub").What, Is.EqualTo("uhubctl"));
        Assert.That(checks.Single(c => c.Area == "switch hub").Present, Is.False);
        Assert.That(checks.Single(c => c.Area == "switch r").Present, Is.True);
    }

    [Test]
    public void Each_switch_needs_what_its_kind_declares()
    {
        var rig = Rig("rig: t\npower:\n  yk: { kind: ykush, serial: YK1, channels: 3 }\n  hid: { kind: dcttech, serial: QAAMZ, channels: 2 }\n  s: { kind: sim, channels: 2 }\n");

        var checks = DoctorChecks.Run("/repo", rig, new FakeHost(false, "ykushcmd", "/usr/local/lib/libhidapi.dylib"));

        Assert.Multiple(() =>
        {
            Assert.That(checks.Single(c => c.Area == "switch yk"), Has.Property("What").EqualTo("ykushcmd").And.Property("Present").True);
            Assert.That(checks.Single(c => c.Area == "switch hid"), Has.Property("What").EqualTo("hidapi").And.Property("Detail").EqualTo("/usr/local/lib/libhidapi.dylib"));
            Assert.That(checks.Single(c => c.Area == "switch s"), Has.Property("What").EqualTo("sim emulator").And.Property("Present").True);
        });
    }

    [Test]
    public void A_macos_rig_on_linux_says_it_must_run_on_its_mac()
    {
        var rig = Rig("rig: mini\nhost: macos\npower:\n  r: { kind: numato, port: /dev/cu.usbmodem1, channels: 8 }\n");

        var host = DoctorChecks.Run("/repo", rig, new FakeHost(false)).Single(c => c.What == "macOS host");

        Assert.That(host.Present, Is.False);
        Assert.That(host.Detail, Does.Contain("mini").And.Contain("not a Mac"));
    }

    [Test]
    public void A_twin_rig_needs_the_twin_library_and_tools_and_says_how_to_build_them()
    {
        var rig = Rig("rig: t\nhost: macos-twin\npower:\n  relay1: { kind: numato, port: sim, channels: 8 }\n");
        var library = Path.Combine("/repo", "build", "dext", OperatingSystem.IsMacOS() ? "libhil-macos-twin.dylib" : "libhil-macos-twin.so");

        var checks = DoctorChecks.Run("/repo", rig, new FakeHost(false, library)).Where(c => c.Area == "rig").ToList();

        Assert.That(checks.Select(c => (c.What, c.Present)), Is.EqualTo(new[]
        {
            ("macOS twin library", true), ("twin ioreg", false), ("twin systemextensionsctl", false),
        }));
        Assert.That(checks[1].Detail, Is.EqualTo(Path.Combine("/repo", "build", "dext", "twin-tools", "ioreg")));
        Assert.That(checks[1].Fix, Does.Contain("./hil run builds them").And.Contain("--target hil-macos-twin twin-ioreg twin-systemextensionsctl"));
        Assert.That(checks.Select(c => c.What), Has.No.Member("macOS host"), "the twin runs on Linux");
    }

    [Test]
    public void Emulated_boards_need_nothing_from_the_host()
    {
        var rig = Rig("rig: s\nhost: sim\npower:\n  relay1: { kind: numato, port: sim, channels: 8 }\n");

        var check = DoctorChecks.Run("/repo", rig, new FakeHost(false)).Single(c => c.Area == "switch relay1");

        Assert.That(check.Present, Is.True);
    }

    [Test]
    public void Build_outputs_are_looked_for_where_cmake_puts_them()
    {
        var checks = DoctorChecks.Run("/repo", null, new FakeHost(false, "/repo/build/dext/hil-simhost"));

        Assert.That(checks.Single(c => c.What == "sim host").Present, Is.True);
    }
}
