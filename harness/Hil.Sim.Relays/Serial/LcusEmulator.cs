using System.Text;
using Hil.Rigs;

namespace Hil.Sim.Relays;

/// <summary>
/// LCUS CH340 relay module (relays.md §2): 4-byte frames <c>A0 ch op sum</c>, no
/// acknowledgement; frames with a wrong checksum are ignored. 0xFF is answered with
/// "CHn:ON|OFF \r\n" lines when <see cref="AnswersQuery"/> (the AscomSwitchDriver firmware);
/// many boards answer nothing, which <c>answersQuery: false</c> reproduces.
/// </summary>
internal sealed class LcusEmulator(int channels, bool answersQuery = true) : SerialRelayEmulator("lcus", channels), IRelayEmulatorFactory
{
    private readonly List<byte> _frame = [];

    static string IRelayEmulatorFactory.Emulates => "lcus";

    static RelayEmulatorBase IRelayEmulatorFactory.Create(PowerSwitchSpec spec) => new LcusEmulator(spec.Channels);

    public bool AnswersQuery { get; } = answersQuery;

    protected override void OnByte(byte b, List<byte> reply)
    {
        if (_frame.Count == 0)
        {
            if (b == 0xA0)
            {
                _frame.Add(b);
            }
            else if (b == 0xFF && AnswersQuery)
            {
                reply.AddRange(Status());
            }

            return;
        }

        _frame.Add(b);
        if (_frame.Count < 4)
        {
            return;
        }

        var (ch, op, sum) = (_frame[1], _frame[2], _frame[3]);
        _frame.Clear();
        if (sum == (byte)((0xA0 + ch + op) & 0xFF) && op <= 1)
        {
            Set(ch, op == 1);
        }
    }

    private byte[] Status()
    {
        var text = new StringBuilder();
        for (var ch = 1; ch <= Channels; ch++)
        {
            text.Append("CH").Append(ch).Append(IsOn(ch) ? ":ON \r\n" : ":OFF \r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
