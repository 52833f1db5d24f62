using System.CommandLine;
using Hil.UserClients.Probe;

namespace Hil.Cli.Commands;

/// <summary>`--doorbell spin|spin-then-wait`: how shared-ring's Driver2 waits for the next message, one option for every verb that measures.</summary>
internal static class DoorbellOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--doorbell")
        {
            Description = $"shared-ring wait: {DoorbellNames.Spin} (as the shm floor) | {DoorbellNames.SpinThenWait} (bounded spin, then a futex doorbell)",
            DefaultValueFactory = _ => DoorbellNames.Spin,
        };
        option.AcceptOnlyFromAmong(DoorbellNames.Spin, DoorbellNames.SpinThenWait);
        return option;
    }

    public static Doorbell Parse(string value) => DoorbellNames.Parse(value);
}
