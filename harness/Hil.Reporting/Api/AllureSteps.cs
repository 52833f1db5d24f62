using System.Text;
using Hil.Reporting.Model;
using Hil.Reporting.Runtime;

namespace Hil.Reporting;

/// <summary>
/// Steps and attachments for fixtures. Steps nest by async flow, carry their timing and status,
/// and land in the set-up, test body or tear-down that is running. Works in [OneTimeSetUp] too.
/// <code>
/// using (AllureSteps.Step("power on stimulus-a")) { … }
/// await AllureSteps.StepAsync("wait for arrival", async () => await watcher.ArrivalAsync(ct));
/// AllureSteps.AttachFile("rig file", rigPath);
/// </code>
/// </summary>
public static class AllureSteps
{
    /// <summary>Opens a step that ends when disposed.</summary>
    public static StepScope Step(string name)
    {
        var owner = CurrentExecution.Find();
        if (owner is null)
        {
            return new StepScope(null);
        }

        var parent = StepFrame.OpenFor(owner);
        var step = new AllureStep { Name = name, Start = AllureLifecycle.Current.Clock.NowEpochMs(), Stage = AllureStage.Running };
        lock (owner.Gate)
        {
            (parent?.Step ?? owner.CurrentSink).Steps.Add(step);
        }

        var frame = new StepFrame(owner, step, parent);
        StepFrame.Enter(frame);
        owner.Changed();
        return new StepScope(frame);
    }

    /// <summary>Runs <paramref name="body"/> as a step; an exception marks the step failed or broken and propagates.</summary>
    public static void Step(string name, Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Step(name, () =>
        {
            body();
            return true;
        });
    }

    public static T Step<T>(string name, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var scope = Step(name);
        try
        {
            var value = body();
            scope.Complete(null);
            return value;
        }
        catch (Exception e)
        {
            scope.Complete(e);
            throw;
        }
    }

    public static async Task StepAsync(string name, Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        await StepAsync(name, async () =>
        {
            await body().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    }

    public static async Task<T> StepAsync<T>(string name, Func<Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var scope = Step(name);
        try
        {
            var value = await body().ConfigureAwait(false);
            scope.Complete(null);
            return value;
        }
        catch (Exception e)
        {
            scope.Complete(e);
            throw;
        }
    }

    public static void AttachText(string name, string text, string mimeType = "text/plain", string extension = "txt") =>
        AttachBytes(name, Encoding.UTF8.GetBytes(text), mimeType, extension);

    /// <summary>Attaches a file's bytes (copied, so the file may change or vanish later); the MIME type is guessed from the extension if not given.</summary>
    public static void AttachFile(string name, string path, string? mimeType = null)
    {
        var extension = Path.GetExtension(path);
        AttachBytes(name, File.ReadAllBytes(path), mimeType ?? MimeTypes.Guess(extension), extension.Length == 0 ? "txt" : extension);
    }

    /// <summary>Attaches to the innermost open step, else to the running set-up, body or tear-down.</summary>
    public static void AttachBytes(string name, ReadOnlySpan<byte> content, string mimeType, string extension)
    {
        var owner = CurrentExecution.Find();
        if (owner is null)
        {
            return;
        }

        var source = AllureLifecycle.Current.Writer.WriteAttachment(content, extension);
        lock (owner.Gate)
        {
            var target = StepFrame.OpenFor(owner)?.Step ?? owner.CurrentSink;
            target.Attachments.Add(new AllureAttachment(name, source, mimeType));
        }

        owner.Changed();
    }
}
