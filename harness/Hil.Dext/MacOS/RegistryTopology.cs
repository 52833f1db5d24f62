namespace Hil.Dext.MacOS;

public sealed record TopologyVerdict(bool Holds, string Explanation);

/// <summary>
/// The registry checks behind the topologies (reference/driverkit.md §4): one-process holds
/// when exactly one IOUserServer named <c>serverName</c> lists both drivers' registry IDs in
/// IOAssociatedServices; separate processes hold when the two IDs sit in different servers.
/// </summary>
public static class RegistryTopology
{
    public static TopologyVerdict CheckOneProcess(
        IReadOnlyList<IoUserServer> servers, string serverName, ulong driver1Id, ulong driver2Id)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var named = servers.Where(s => s.ServerName == serverName).ToList();
        var hosting = named
            .Where(s => s.AssociatedServices.Contains(driver1Id) && s.AssociatedServices.Contains(driver2Id))
            .ToList();
        var evidence = Describe(named, serverName);
        return hosting.Count == 1
            ? new(true, $"one IOUserServer (pid {hosting[0].ProcessId}) hosts 0x{driver1Id:x} and 0x{driver2Id:x}; {evidence}")
            : new(false, $"expected exactly one IOUserServer named {serverName} hosting both 0x{driver1Id:x} and " +
                         $"0x{driver2Id:x}, found {hosting.Count}; {evidence}");
    }

    public static TopologyVerdict CheckSeparateProcesses(
        IReadOnlyList<IoUserServer> servers, ulong driver1Id, ulong driver2Id)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var first = servers.FirstOrDefault(s => s.AssociatedServices.Contains(driver1Id));
        var second = servers.FirstOrDefault(s => s.AssociatedServices.Contains(driver2Id));
        if (first is null || second is null)
        {
            return new(false, $"0x{driver1Id:x} in {Pid(first)}, 0x{driver2Id:x} in {Pid(second)}: a driver has no IOUserServer");
        }

        return first.RegistryId != second.RegistryId && first.ProcessId != second.ProcessId
            ? new(true, $"0x{driver1Id:x} in {Pid(first)}, 0x{driver2Id:x} in {Pid(second)}")
            : new(false, $"expected two processes, both drivers are in {Pid(first)}");
    }

    private static string Describe(IReadOnlyList<IoUserServer> named, string serverName) =>
        named.Count == 0
            ? $"no IOUserServer named {serverName}"
            : string.Join("; ", named.Select(s =>
                $"{Pid(s)} associated ({string.Join(",", s.AssociatedServices.Select(id => $"0x{id:x}"))})"));

    private static string Pid(IoUserServer? s) =>
        s is null ? "no server" : $"IOUserServer({s.ServerName}-0x{s.Tag:x}) pid {s.ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
}
