using Hil.Foundation;

namespace Hil.Rigs.Parsing;

/// <summary>One wording for every rig-file error: "FILE:LINE:COLUMN: FIELD.PATH: what was expected".</summary>
internal static class RigErrors
{
    public static InputException At(SourceLocation where, string path, string what) =>
        new(path.Length == 0 ? $"{where}: {what}" : $"{where}: {path}: {what}");

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Describe(YNode node) => node switch
    {
        YScalar { IsNull: true } => "nothing",
        YScalar s => $"'{s.Value}'",
        YMap => "a mapping",
        _ => "a list",
    };
}
