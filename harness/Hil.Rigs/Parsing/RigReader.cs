namespace Hil.Rigs.Parsing;

/// <summary>Reads the whole rig file: top-level keys first, then each section against what came before it.</summary>
internal static class RigReader
{
    private static readonly string[] TopKeys = ["rig", "host", "safe_state", "power", "devices", "dext", "timeouts", "sim", "budgets"];

    private static readonly (string, SafeState)[] SafeStates = [("all-off", SafeState.AllOff), ("all-on", SafeState.AllOn)];

    public static RigSpec Read(YNode? root, string file, string fullPath, RigFolders folders)
    {
        var top = root is null
            ? throw RigErrors.At(new SourceLocation(file, 1, 1), "", "the file is empty: expected a mapping with at least rig and power")
            : new Field(root, "").Map("a mapping with at least rig and power", TopKeys);
        var name = top.Required("rig", Scalars.NameExpected).Name();
        var host = top.Optional("host")?.Choice(RigHosts.All) ?? RigHost.MacOS;
        var safe = top.Optional("safe_state")?.Choice(SafeStates) ?? SafeState.AllOff;
        var power = PowerReader.Read(top.Required("power", "a mapping of switch names to switches"));
        var devices = DeviceReader.Read(top.Optional("devices"), power);
        return new RigSpec(
            name, host, safe, power, devices,
            SectionReaders.ReadDext(top.Optional("dext"), folders),
            SectionReaders.ReadTimeouts(top.Optional("timeouts")),
            SimReader.Read(top.Optional("sim"), host, power, devices),
            fullPath)
        {
            Budgets = BudgetReader.Read(top.Optional("budgets")),
        };
    }
}
