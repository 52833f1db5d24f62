using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hil.Foundation;
using Spectre.Console;

namespace Hil.Cli;

/// <summary>
/// The one meaning of `--json` on every verb: `--json FILE` writes the verb's machine-readable
/// result to FILE (atomically) and the verb prints to people as usual; `--json -` writes it to
/// stdout, and then stdout carries nothing else (what people read goes to stderr).
/// One JSON style for all of it: snake_case, indented.
/// </summary>
internal static class CliJson
{
    public const string Stdout = "-";

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,

        // Output is read by people and programs, never embedded in HTML: keep '>' and '+' as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The `--json FILE|-` option, saying what the verb writes; a FILE that cannot be written is refused before any work.</summary>
    public static Option<string?> Option(string what) => new Option<string?>("--json")
    {
        Description = $"write {what} as JSON to FILE, or to stdout with '-' (stdout then holds only the JSON)",
        HelpName = "FILE|-",
    }.AsOutputFile();

    public static bool ToStdout(string? target) => target == Stdout;

    /// <summary>Where a verb prints for people: stdout, unless the JSON has it.</summary>
    public static TextWriter People(string? target) => ToStdout(target) ? Console.Error : Console.Out;

    /// <summary>Sends Spectre's output to stderr when stdout carries the JSON (for verbs that print tables and status).</summary>
    public static void KeepStdoutFor(string? target)
    {
        if (ToStdout(target))
        {
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        }
    }

    /// <summary>Writes <paramref name="value"/> where <paramref name="target"/> says; nothing when the option was not given.</summary>
    public static void Write(string? target, object value, TextWriter? stdout = null)
    {
        if (target is null)
        {
            return;
        }

        var text = JsonSerializer.Serialize(value, value.GetType(), Options) + "\n";
        if (ToStdout(target))
        {
            (stdout ?? Console.Out).Write(text);
        }
        else
        {
            AtomicFile.WriteAllText(Path.GetFullPath(target), text);
        }
    }
}
