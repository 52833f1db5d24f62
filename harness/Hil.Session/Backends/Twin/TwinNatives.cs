using Hil.Foundation;

namespace Hil.Session.Backends.Twin;

/// <summary>
/// Where the macos-twin rig's native parts are: libhil-macos-twin (IOKit and CoreFoundation) and the
/// twin Mac tools, both made by the dext's CMake build (dext/twin). A per-session tool folder links
/// the tools beside the state file the bridge writes, so each tool reads its own session's state.
/// </summary>
public static class TwinNatives
{
    /// <summary>How to build the library and the tools from the repository root (`./hil run` does it).</summary>
    public const string BuildCommand =
        "cmake -S dext -B build/dext && cmake --build build/dext --target hil-macos-twin twin-ioreg twin-systemextensionsctl";

    public static NativeBinary Library { get; } = new(
        OperatingSystem.IsMacOS() ? "libhil-macos-twin.dylib" : "libhil-macos-twin.so", "HIL_MACOS_TWIN");

    /// <summary>`ioreg` and `systemextensionsctl` as the twin build makes them.</summary>
    public static IReadOnlyList<string> Tools { get; } = ["ioreg", "systemextensionsctl"];

    /// <summary>The file the tools read (dext/twin/tools/state.h): "twin-state" beside the tool.</summary>
    public const string StateFileName = "twin-state";

    /// <summary>
    /// A fresh folder with links to the built tools; a missing tool is an infrastructure fault
    /// naming where it looked and how to build it.
    /// </summary>
    /// <summary>Where the build puts a twin tool: twin-tools beside the library.</summary>
    public static string BuiltTool(string library, string tool) => Path.Combine(Path.GetDirectoryName(library)!, "twin-tools", tool);

    public static string MakeToolFolder(string library)
    {
        var folder = Directory.CreateTempSubdirectory("hil-twin-").FullName;
        foreach (var tool in Tools)
        {
            var target = BuiltTool(library, tool);
            if (!File.Exists(target))
            {
                throw new InfrastructureException(
                    $"twin tool {tool} not found at {target}; build it with `{BuildCommand}`");
            }

            File.CreateSymbolicLink(Path.Combine(folder, tool), target);
        }

        return folder;
    }
}
