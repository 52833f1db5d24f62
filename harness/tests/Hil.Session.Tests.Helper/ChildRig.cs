namespace Hil.Session.Tests.Helper;

/// <summary>The rig the helper process leases; tests open the same one to contend for its lock.</summary>
public static class ChildRig
{
    public const string Name = "child-rig";

    public const string Yaml = "rig: child-rig\nsafe_state: all-off\npower:\n  relay1: { kind: lcus, port: sim, channels: 4 }\n";
}
