using Hil.Rigs;

namespace Hil.Power;

/// <summary>A relay board behind a byte stream: owns the <see cref="BoardLink"/> and closes it.</summary>
internal abstract class SerialSwitch : PowerSwitchBase
{
    protected SerialSwitch(PowerSwitchSpec spec, Stream stream, DriverContext context)
        : base(spec, spec.Port ?? "no port")
    {
        Link = new BoardLink(Board, stream, context.Time, context.ReplyTimeout);
    }

    protected BoardLink Link { get; }

    public override async ValueTask DisposeAsync()
    {
        await Link.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Runs a board's first exchange right after it opens; a board that fails it is closed, not leaked.</summary>
    protected static async Task<IPowerSwitch> StartAsync<T>(T board, Func<T, Task> firstExchange)
        where T : SerialSwitch
    {
        try
        {
            await firstExchange(board).ConfigureAwait(false);
            return board;
        }
        catch
        {
            await board.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>"numato board 'relay1' (/dev/ttyACM0) to answer 'relay on 3' for channel 3": what a timeout names.</summary>
    protected string Awaiting(string command, int? channel) =>
        channel is null ? $"{Board} to answer {command}" : $"{Board} to answer {command} for channel {channel}";
}
