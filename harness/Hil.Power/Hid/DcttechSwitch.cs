using Hil.Foundation;
using Hil.Rigs;
using Polly;
using Polly.Retry;

namespace Hil.Power;

/// <summary>
/// dcttech USB HID relays chosen by their 5-character board ID (the <c>serial</c> in the rig
/// file; not the USB serial, which these boards lack). The device is opened per transaction
/// and a busy or failing open is retried for about a second, because another process may hold
/// it (labgrid PR #1526/#1604 hit exactly this). Every switch is read back from the feature report.
/// </summary>
internal sealed class DcttechSwitch : PowerSwitchBase, IPowerDriver
{
    private readonly IHidBackend _hid;
    private readonly TimeProvider _time;
    private readonly TimeSpan _replyTimeout;
    private readonly ResiliencePipeline _retry;
    private string _path;

    private DcttechSwitch(PowerSwitchSpec spec, IHidBackend hid, string path, TimeProvider time, TimeSpan replyTimeout)
        : base(spec, $"board ID {spec.Serial}")
    {
        _hid = hid;
        _path = path;
        _time = time;
        _replyTimeout = replyTimeout;
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<IOException>(),
                MaxRetryAttempts = 10,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Constant,
            })
            .Build();
    }

    public static string Drives => "dcttech";

    public override bool CanReadBack => true;

    /// <summary><c>port: sim</c> under the sim's opener finds the board on its emulated HID bus.</summary>
    public static Task<IPowerSwitch> OpenAsync(PowerSwitchSpec spec, DriverContext context, CancellationToken cancellationToken)
    {
        var hid = spec.Port == "sim" && context.Opener is IHidBackendSource sim
            ? sim.HidFor(spec)
            : context.Options.Hid ?? HidApiBackend.Instance;
        return Task.FromResult<IPowerSwitch>(Open(spec, hid, context.Time, context.ReplyTimeout));
    }

    private static DcttechSwitch Open(PowerSwitchSpec spec, IHidBackend hid, TimeProvider time, TimeSpan replyTimeout)
    {
        if (string.IsNullOrEmpty(spec.Serial))
        {
            throw new InputException($"{spec.Where}: power.{spec.Name}.serial: a dcttech board is chosen by its 5-character board ID, e.g. QAAMZ");
        }

        var path = Find(spec, hid);
        return new DcttechSwitch(spec, hid, path, time, replyTimeout);
    }

    /// <summary>Every USBRelayN board present, with its board ID read from the feature report.</summary>
    internal static IEnumerable<(HidDeviceInfo Info, string? BoardId, string? Error)> Boards(IHidBackend hid)
    {
        foreach (var info in hid.Enumerate(DcttechBoard.VendorId, DcttechBoard.ProductId))
        {
            if (DcttechBoard.ChannelsOf(info.Product) is null)
            {
                continue;
            }

            string? id = null;
            string? error = null;
            try
            {
                using var device = hid.Open(info.Path);
                error = DcttechBoard.TryParseState(device.GetFeatureReport(DcttechBoard.ReportLength), out var boardId, out _)
                    ? null
                    : "feature report not in the USBRelay layout";
                id = error is null ? boardId : null;
            }
            catch (IOException e)
            {
                error = e.Message;
            }

            yield return (info, id, error);
        }
    }

    protected override Task WriteAsync(int channel, bool on, CancellationToken cancellationToken) =>
        TransactAsync(channel, device => { device.SendFeatureReport(DcttechBoard.SwitchReport(channel, on)); return true; }, cancellationToken);

    protected override Task<bool> ReadHardwareAsync(int channel, CancellationToken cancellationToken) =>
        TransactAsync(channel, device => (ReadMask(device) >> (channel - 1) & 1) == 1, cancellationToken);

    private byte ReadMask(IHidDevice device)
    {
        var report = device.GetFeatureReport(DcttechBoard.ReportLength);
        if (!DcttechBoard.TryParseState(report, out var id, out var mask) || id != Spec.Serial)
        {
            throw new RigFaultException(
                $"{Board}: garbled feature report: received {Hex.Format(report)}, expected 8 bytes: the ID {Hex.Format(System.Text.Encoding.ASCII.GetBytes(Spec.Serial!))}, 00, any byte, the relay bitmask");
        }

        return mask;
    }

    private async Task<T> TransactAsync<T>(int channel, Func<IHidDevice, T> action, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.ExecuteAsync(
                    async ct => await Task.Run(() => Once(action), ct)
                        .WithTimeout(_replyTimeout, $"{Board} to answer a feature report for channel {channel}", FaultKind.RigFault, _time, ct)
                        .ConfigureAwait(false),
                    cancellationToken)
                .ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new RigFaultException($"{Board} vanished or is held by another process (retried for about 1 s): {e.Message}", e);
        }
    }

    private T Once<T>(Func<IHidDevice, T> action)
    {
        IHidDevice device;
        try
        {
            device = _hid.Open(_path);
        }
        catch (IOException)
        {
            // Re-enumeration renumbers hidraw nodes; find the board again by its ID before retrying.
            _path = Find(Spec, _hid, vanishedIsIo: true);
            device = _hid.Open(_path);
        }

        using (device)
        {
            return action(device);
        }
    }

    private static string Find(PowerSwitchSpec spec, IHidBackend hid, bool vanishedIsIo = false)
    {
        var boards = Boards(hid).ToList();
        var match = boards.FirstOrDefault(b => b.BoardId == spec.Serial);
        if (match.Info is not null)
        {
            return match.Info.Path;
        }

        var seen = boards.Count == 0
            ? "no USBRelay boards (16c0:05df) are present"
            : "present: " + string.Join(", ", boards.Select(b => b.BoardId ?? $"{b.Info.Path} ({b.Error})"));
        var message = $"dcttech board '{spec.Name}': no board with ID {spec.Serial}; {seen}";
        throw vanishedIsIo ? new IOException(message) : new RigFaultException(message);
    }
}
