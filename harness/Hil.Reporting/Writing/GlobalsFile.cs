namespace Hil.Reporting.Writing;

/// <summary>One report-wide attachment: Allure 3 lists it under "Global attachments" (allure.md §1, `*-globals.json`).</summary>
public sealed record GlobalAttachment(string Name, byte[] Content, string Type, string Extension);

/// <summary>
/// Writes Allure 3's report-level extras into a results directory: attachments and errors that
/// belong to the run, not to one test (the latency trend, warnings a reader must see).
/// </summary>
public static class GlobalsFile
{
    public static void Write(string resultsDirectory, IReadOnlyList<GlobalAttachment> attachments, IReadOnlyList<string> errors, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        ArgumentNullException.ThrowIfNull(errors);
        var writer = new ResultsWriter(resultsDirectory);
        var stamp = at.ToUnixTimeMilliseconds();
        var written = attachments.Select(a => new GlobalEntry(a.Name, writer.WriteAttachment(a.Content, a.Extension), a.Type, stamp)).ToList();
        var globals = new Globals(written, [.. errors.Select(e => new GlobalError(e, stamp))]);
        writer.WriteText($"{ResultsWriter.NewUuid()}-globals.json", AllureJson.Serialize(globals));
    }

    private sealed record Globals(IReadOnlyList<GlobalEntry> Attachments, IReadOnlyList<GlobalError> Errors);

    private sealed record GlobalEntry(string Name, string Source, string Type, long Timestamp);

    private sealed record GlobalError(string Message, long Timestamp);
}
