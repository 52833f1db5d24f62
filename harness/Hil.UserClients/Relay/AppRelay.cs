using System.Globalization;
using Hil.Foundation;
using Hil.UserClients.Probe;

namespace Hil.UserClients.Relay;

/// <summary>
/// The app in the app-relay topology: each completion Driver1 fires is turned into an
/// encoded message and delivered to Driver2, synchronously, on Driver1's completion thread.
/// That thread is the only one involved: it blocks on Driver1's socket, then writes to and
/// reads from Driver2's socket itself (Driver2's connection has no completion thread), so
/// the relay adds no thread hop, lock or allocation per message to what is measured.
/// Failures are counted, never thrown on the completion thread; <see cref="ThrowIfFailed"/>
/// surfaces them to the caller.
/// </summary>
public sealed class AppRelay
{
    private readonly ProbeDriverClient driver1;
    private readonly ProbeDriverClient driver2;
    private readonly byte[] message = new byte[ProbeMessage.MaxEncodedSize];
    private readonly AsyncCompletionHandler handler;
    private long relayed;
    private long failed;
    private Exception? firstFailure;
    private ulong firstFailedSeq;

    public AppRelay(ProbeDriverClient driver1, ProbeDriverClient driver2)
    {
        this.driver1 = driver1 ?? throw new ArgumentNullException(nameof(driver1));
        this.driver2 = driver2 ?? throw new ArgumentNullException(nameof(driver2));
        handler = OnCompletion;
    }

    /// <summary>Messages Driver2 accepted.</summary>
    public long Relayed => Volatile.Read(ref relayed);

    /// <summary>Completions that did not become an accepted delivery.</summary>
    public long Failed => Volatile.Read(ref failed);

    /// <summary>The first failure; null while all went well.</summary>
    public Exception? FirstFailure => Volatile.Read(ref firstFailure);

    /// <summary>The seq of the message behind <see cref="FirstFailure"/> (ulong.MaxValue when the completion had no args).</summary>
    public ulong FirstFailedSeq => Volatile.Read(ref firstFailedSeq);

    /// <summary>The completion handler, for callers that register it themselves (e.g. to wrap it in a test).</summary>
    public AsyncCompletionHandler Handler => handler;

    /// <summary>Registers the relay's completion on Driver1 (RegisterCompletion, selector 9).</summary>
    public void Start(uint reference = 1) => driver1.RegisterCompletion(reference, handler);

    /// <summary>Throws the relay's failures to the caller, with the first one as the inner exception.</summary>
    public void ThrowIfFailed()
    {
        var n = Failed;
        if (n == 0)
        {
            return;
        }

        var first = FirstFailure;
        var fault = first is HilException h ? h.Fault : FaultKind.ProductDefect;
        var status = first is UserClientException u ? u.Status : IOReturn.Error;
        throw new UserClientException(
            fault, status, driver2.Endpoint,
            string.Create(CultureInfo.InvariantCulture, $"app relay: {n} of {n + Relayed} message(s) not delivered; first (seq {FirstFailedSeq}): {first?.Message}"),
            first);
    }

    private void OnCompletion(uint reference, IOReturn status, ReadOnlySpan<ulong> args)
    {
        var seq = args.IsEmpty ? ulong.MaxValue : args[0];
        try
        {
            if (status != IOReturn.Success)
            {
                Fail(seq, UserClientException.Refused(driver1.Endpoint, $"the app-relay completion (reference {reference})", status));
                return;
            }

            var length = ProbeMessage.EncodeFromCompletion(args, message);
            var delivered = driver2.TryDeliverMessage(message.AsSpan(0, length));
            if (delivered == IOReturn.Success)
            {
                Interlocked.Increment(ref relayed);
            }
            else
            {
                Fail(seq, UserClientException.Refused(driver2.Endpoint, "DeliverMessage (selector 10)", delivered));
            }
        }
#pragma warning disable CA1031 // the completion thread must keep relaying; every failure is counted and surfaced
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fail(seq, ex);
        }
    }

    private void Fail(ulong seq, Exception ex)
    {
        if (Interlocked.CompareExchange(ref firstFailure, ex, null) is null)
        {
            Volatile.Write(ref firstFailedSeq, seq);
        }

        Interlocked.Increment(ref failed);
    }
}
