using Hil.Foundation;
using Hil.Reporting.Model;

namespace Hil.Reporting.Writing;

/// <summary>
/// Writes the flat results directory both Allure generators read (allure.md §1). Every file is
/// written atomically, so a reader or an interrupted run never sees half a file.
/// </summary>
internal sealed class ResultsWriter
{
    public ResultsWriter(string directory)
    {
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>How issue and TMS links become urls (<see cref="LinkPatterns"/>), applied to every result written.</summary>
    public LinkPatterns Links { get; set; } = LinkPatterns.None;

    public static string NewUuid() => Guid.NewGuid().ToString();

    public void Write(AllureTestResult result)
    {
        Links.ResolveAll(result.Links);
        AtomicFile.WriteAllText(PathOf($"{result.Uuid}-result.json"), AllureJson.Serialize(result));
    }

    public void Write(AllureContainer container) =>
        AtomicFile.WriteAllText(PathOf($"{container.Uuid}-container.json"), AllureJson.Serialize(container));

    /// <summary>Stores bytes as <c>{uuid}-attachment.{ext}</c> and returns the bare file name Allure wants as source.</summary>
    public string WriteAttachment(ReadOnlySpan<byte> content, string extension)
    {
        var ext = NormalizeExtension(extension);
        var source = $"{Guid.NewGuid():N}-attachment{ext}";
        AtomicFile.WriteAllBytes(PathOf(source), content);
        return source;
    }

    public void WriteText(string fileName, string text) => AtomicFile.WriteAllText(PathOf(fileName), text);

    private string PathOf(string fileName) => Path.Combine(Directory, fileName);

    // Allure 2.38+ rejects sources outside [A-Za-z0-9._-]; keep the extension inside that set.
    private static string NormalizeExtension(string extension)
    {
        var bare = extension.TrimStart('.');
        if (bare.Length == 0)
        {
            return "";
        }

        if (bare.Length > 16 || !bare.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            throw new ArgumentException(
                $"attachment extension '{extension}' must be 1-16 characters of [A-Za-z0-9._-]", nameof(extension));
        }

        return "." + bare;
    }
}
