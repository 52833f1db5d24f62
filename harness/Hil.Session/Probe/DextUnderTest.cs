using Hil.Rigs;
using Hil.UserClients.Probe;

namespace Hil.Session.Probe;

/// <summary>
/// The one wording of which dext a run exercised and which of its topologies ran: `hil run`'s
/// summary prints <see cref="Line"/>, the report's environment carries <see cref="TopologiesText"/>.
/// </summary>
public static class DextUnderTest
{
    /// <summary>"dext under test: com.example.keyflip 1 — topologies: one-process (app-relay, shared-ring not implemented)"; null without a dext.</summary>
    /// <param name="version">The version results are keyed by (the plist's CFBundleVersion, else "dev").</param>
    public static string? Line(RigSpec rig, string version)
    {
        ArgumentNullException.ThrowIfNull(rig);
        return rig.Dext is { } dext ? $"dext under test: {dext.BundleId} {version} — topologies: {TopologiesText(rig)}" : null;
    }

    /// <summary>"one-process (app-relay, shared-ring not implemented)", or every name when the dext implements them all.</summary>
    public static string TopologiesText(RigSpec rig)
    {
        var implemented = DextTopologies.Of(rig);
        var missing = Topologies.All.Where(t => !implemented.Contains(t)).Select(t => t.Name).ToList();
        var names = string.Join(", ", implemented.Select(t => t.Name));
        return missing.Count == 0 ? names : $"{names} ({string.Join(", ", missing)} not implemented)";
    }
}
