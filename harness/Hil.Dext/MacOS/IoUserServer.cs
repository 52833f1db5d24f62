using System.Globalization;
using System.Text.RegularExpressions;
using Hil.Foundation;

namespace Hil.Dext.MacOS;

/// <summary>
/// One dext process as the registry shows it: node "IOUserServer(&lt;name&gt;-0x&lt;tag&gt;)",
/// IOUserClientCreator "pid N, &lt;process name truncated to 16&gt;", IOUserServerName and
/// IOAssociatedServices (registry IDs of every service the process hosts).
/// </summary>
public sealed partial record IoUserServer(
    string ServerName,
    ulong Tag,
    ulong RegistryId,
    int? ProcessId,
    string? ProcessName,
    IReadOnlyList<ulong> AssociatedServices)
{
    public static IoUserServer FromNode(IoregNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var title = NodeName().Match(node.Name);
        if (!title.Success)
        {
            throw new InputException(
                $"ioreg line {node.Line}: IOUserServer node '{node.Name}' is not 'IOUserServer(<name>-0x<tag>)'");
        }

        var name = node.GetString("IOUserServerName") ?? title.Groups["name"].Value;
        var tag = node.GetNumber("IOUserServerTag") ?? IoregNode.ParseNumber(title.Groups["tag"].Value) ?? 0;
        var (pid, process) = ParseCreator(node.GetString("IOUserClientCreator"));
        return new IoUserServer(name, tag, node.RegistryId, pid, process, node.GetNumberList("IOAssociatedServices"));
    }

    private static (int? Pid, string? Name) ParseCreator(string? creator)
    {
        var match = creator is null ? Match.Empty : Creator().Match(creator);
        return match.Success
            ? (int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value)
            : (null, null);
    }

    [GeneratedRegex(@"^IOUserServer\((?<name>.+)-(?<tag>0x[0-9a-fA-F]+)\)$")]
    private static partial Regex NodeName();

    [GeneratedRegex(@"^pid (?<pid>\d+), ?(?<name>.*)$")]
    private static partial Regex Creator();
}
