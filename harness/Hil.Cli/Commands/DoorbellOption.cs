using System.CommandLine;
using Hil.UserClients.Probe;

namespace Hil.Cli.Commands;

/// <summary>`--doorbell spin|spin-then-wait`: how shared-ring's Driver2 waits for the next message, one option for every verb that measures.</summary>
internal static class DoorbellOption
{
    /// <param name="fallback">The default, and why (appended to the description).</param>
    public static Option<string> Create(Doorbell fallback = Doorbell.Spin, string? why = null)
    {
        var option = new Option<string>("--doorbell")
        {
            Description = $"shared-ring wait: {DoorbellNames.Spin} (as the shm floor) | {DoorbellNames.SpinThenWait} (bounded spin, then a futex doorbell){(why is null ? "" : $"; {why}")}",
            DefaultValueFactory = _ => DoorbellNames.Of(fallback),
        };
        option.AcceptOnlyFromAmong(DoorbellNames.Spin, DoorbellNames.SpinThenWait);
        return option;
    }
}
