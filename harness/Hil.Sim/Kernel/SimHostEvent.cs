using System.Text.Json;
using Hil.Dext;

namespace Hil.Sim;

/// <summary>
/// One stdout line of hil-simhost (PROTOCOL.md §6): ready, added, removed, exit, error. A
/// closed stdout is recorded as the synthetic event "eof" so that waits end when the
/// process dies instead of running into their timeout.
/// </summary>
internal sealed record SimHostEvent(
    string Event, int? Pid, string? Instance, string? Role, string? Endpoint,
    IReadOnlyList<SimHostEvent> Instances, string? Reason, string? Command, string? Message, string Raw)
{
    public const string Eof = "eof";

    public bool IsTerminal => Event is "exit" or Eof;

    public DriverRole? DriverRole => Role switch
    {
        "driver1" => Hil.Dext.DriverRole.Driver1,
        "driver2" => Hil.Dext.DriverRole.Driver2,
        _ => null,
    };

    public static SimHostEvent EndOfOutput() => new(Eof, null, null, null, null, [], "stdout closed", null, null, "");

    /// <summary>Null when the line is not a JSON object with an "event" field (the host printed something else).</summary>
    public static SimHostEvent? Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object && Str(doc.RootElement, "event") is { } name
                ? From(doc.RootElement, name, line)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static SimHostEvent From(JsonElement e, string name, string raw)
    {
        var instances = e.TryGetProperty("instances", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(i => From(i, "instance", i.GetRawText())).ToList()
            : [];
        var pid = e.TryGetProperty("pid", out var p) && p.TryGetInt32(out var v) ? v : (int?)null;
        return new SimHostEvent(
            name, pid, Str(e, "instance"), Str(e, "role"), Str(e, "endpoint"), instances, Str(e, "reason"),
            Str(e, "command"), Str(e, "message"), raw);
    }

    private static string? Str(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
