using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hil.Cli;

/// <summary>One JSON style for everything the CLI prints for programs: snake_case, indented.</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,

        // Output is read by people and programs, never embedded in HTML: keep '>' and '+' as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
