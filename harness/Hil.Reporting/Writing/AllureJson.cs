using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hil.Reporting.Writing;

/// <summary>The one JSON shape every results file uses: camelCase names, lower-case enums, no nulls.</summary>
internal static class AllureJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
