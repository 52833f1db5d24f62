using Hil.Foundation;
using Hil.Rigs;
using Hil.Session.Backends.Twin;

namespace Hil.Cli.Doctor;

/// <summary>
/// What the harness needs on this host, and what a given rig needs on top: the tools for its
/// switch kinds, its serial ports, and on a macOS rig the system tools the dext host drives.
/// </summary>
internal static class DoctorChecks
{
    public static IReadOnlyList<DoctorCheck> Run(string repoRoot, RigSpec? rig, IHostProbe host)
    {
        var checks = new List<DoctorCheck>(Toolchain(host));
        checks.AddRange(Artifacts(repoRoot, host));
        if (rig is not null)
        {
            checks.AddRange(ForRig(repoRoot, rig, host));
        }

        return checks;
    }

    private static IEnumerable<DoctorCheck> Toolchain(IHostProbe host)
    {
        yield return Tool(host, "toolchain", "dotnet", "install the .NET SDK pinned in global.json");
        yield return Tool(host, "toolchain", "cmake", "apt-get install cmake");
        yield return Tool(host, "toolchain", "g++", "apt-get install g++");
        yield return Tool(host, "toolchain", "npm", "apt-get install nodejs npm");
        yield return Tool(host, "tests", "clang++-14", "apt-get install clang-14 libclang-rt-14-dev (fuzzers, sanitizers)");
        yield return File(host, "tests", "/usr/include/gtest/gtest.h", "GoogleTest headers", "apt-get install libgtest-dev");
        yield return File(host, "tests", "/usr/bin/chromium", "Chromium for the report UI tests", "apt-get install chromium");
    }

    private static IEnumerable<DoctorCheck> Artifacts(string root, IHostProbe host)
    {
        yield return File(host, "build", NativeBinary.SimHost.PathUnder(root), "sim host",
            $"./hil run builds it ({NativeBinary.BuildCommand})");
        yield return File(host, "build", NativeBinary.Floor.PathUnder(root), "native floors",
            $"./hil run builds it ({NativeBinary.BuildCommand})");
        yield return File(host, "report", Path.Combine(root, "reports/node_modules/.bin/allure"), "pinned Allure CLI",
            "./hil run installs it (npm ci in reports/)");
    }

    private static IEnumerable<DoctorCheck> ForRig(string root, RigSpec rig, IHostProbe host)
    {
        foreach (var spec in rig.Power.Values)
        {
            yield return ForSwitch(spec, host);
        }

        if (rig.Host == RigHost.MacOS)
        {
            yield return host.IsMacOS
                ? new DoctorCheck("rig", "macOS host", true, "this is a Mac", null)
                : new DoctorCheck("rig", "macOS host", false, $"rig '{rig.Name}' has host: macos but this is not a Mac", "run it on the rig's Mac mini");
            yield return Tool(host, "rig", "systemextensionsctl", "part of macOS");
            yield return Tool(host, "rig", "ioreg", "part of macOS");
        }

        if (rig.Host == RigHost.MacOSTwin)
        {
            foreach (var check in ForTwin(root, host))
            {
                yield return check;
            }
        }
    }

    /// <summary>The macos-twin rig runs the Mac code against libhil-macos-twin and the twin ioreg and systemextensionsctl.</summary>
    private static IEnumerable<DoctorCheck> ForTwin(string root, IHostProbe host)
    {
        var fix = $"./hil run builds them ({TwinNatives.BuildCommand})";
        var library = TwinNatives.Library.PathUnder(root);
        yield return File(host, "rig", library, "macOS twin library", fix);
        foreach (var tool in TwinNatives.Tools)
        {
            yield return File(host, "rig", TwinNatives.BuiltTool(library, tool), $"twin {tool}", fix);
        }
    }

    /// <summary>What the switch's kind needs on this host (its <see cref="PowerKind.Needs"/>).</summary>
    private static DoctorCheck ForSwitch(PowerSwitchSpec spec, IHostProbe host)
    {
        var area = $"switch {spec.Name}";
        var need = PowerKinds.Get(spec.Kind).Needs;
        return need.Kind switch
        {
            HostNeedKind.Tool => Tool(host, area, need.What, need.Fix!),
            HostNeedKind.Library => Library(host, area, need),
            HostNeedKind.SerialPort when spec.Port is not (null or "sim") =>
                File(host, area, spec.Port, $"{spec.Kind} {need.What}", need.Fix!),
            _ => new DoctorCheck(area, $"{spec.Kind} emulator", true, "in memory (port: sim)", null),
        };
    }

    private static DoctorCheck Library(IHostProbe host, string area, HostNeed need)
    {
        var found = need.Candidates.FirstOrDefault(host.FileExists);
        return new DoctorCheck(area, need.What, found is not null, found ?? "not found", found is null ? need.Fix : null);
    }

    private static DoctorCheck Tool(IHostProbe host, string area, string command, string fix)
    {
        var path = host.FindOnPath(command);
        return new DoctorCheck(area, command, path is not null, path ?? "not on PATH", path is null ? fix : null);
    }

    private static DoctorCheck File(IHostProbe host, string area, string path, string what, string fix)
    {
        var present = host.FileExists(path);
        return new DoctorCheck(area, what, present, path, present ? null : fix);
    }
}
