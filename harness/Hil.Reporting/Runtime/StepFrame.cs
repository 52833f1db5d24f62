using Hil.Reporting.Model;

namespace Hil.Reporting.Runtime;

/// <summary>
/// An open step. The innermost open step flows with the async context, so steps started in
/// parallel tasks nest under the step that started the tasks, not under each other.
/// </summary>
internal sealed class StepFrame(Execution owner, AllureStep step, StepFrame? parent)
{
    private static readonly AsyncLocal<StepFrame?> Innermost = new();

    static StepFrame() =>
        AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
        {
            if (Innermost.Value is { Closed: false } frame)
            {
                frame.Step.PendingException = e.Exception;
            }
        };

    public Execution Owner { get; } = owner;

    public AllureStep Step { get; } = step;

    public StepFrame? Parent { get; } = parent;

    public bool Closed { get; set; }

    /// <summary>The innermost open step of <paramref name="owner"/> in this async flow, if any.</summary>
    public static StepFrame? OpenFor(Execution owner)
    {
        for (var frame = Innermost.Value; frame is not null; frame = frame.Parent)
        {
            if (!frame.Closed && ReferenceEquals(frame.Owner, owner))
            {
                return frame;
            }
        }

        return null;
    }

    public static void Enter(StepFrame frame) => Innermost.Value = frame;

    public static void Leave(StepFrame frame)
    {
        if (ReferenceEquals(Innermost.Value, frame))
        {
            Innermost.Value = frame.Parent;
        }
    }
}
