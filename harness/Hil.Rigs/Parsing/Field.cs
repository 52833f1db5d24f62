using Hil.Foundation;

namespace Hil.Rigs.Parsing;

/// <summary>A node together with its field path (e.g. <c>power.relay1.channels</c>), so readers can name both.</summary>
internal readonly record struct Field(YNode Node, string Path)
{
    public SourceLocation Where => Node.Where;

    public bool IsNull => Node is YScalar { IsNull: true };

    public InputException Error(string what) => RigErrors.At(Where, Path, what);

    public InputException Expected(string expected) => Error($"expected {expected}, got {RigErrors.Describe(Node)}");

    /// <summary>The scalar's text; anything else (or nothing) is an error that says what was expected.</summary>
    public string Text(string expected) =>
        Node is YScalar { IsNull: false } s ? s.Value : throw Expected(expected);

    /// <summary>A mapping whose keys must all be among <paramref name="known"/>.</summary>
    public MapReader Map(string expected, params string[] known)
    {
        var map = Node as YMap ?? throw Expected(expected);
        return new MapReader(map, Path, known);
    }

    /// <summary>A mapping whose keys are names the file chooses (switches, devices).</summary>
    public MapReader NameMap(string expected)
    {
        var map = Node as YMap ?? throw Expected(expected);
        return new MapReader(map, Path, known: null);
    }

    public IReadOnlyList<Field> List(string expected)
    {
        if (IsNull)
        {
            return [];
        }

        var seq = Node as YSeq ?? throw Expected(expected);
        var path = Path;
        return seq.Items.Select((item, i) => new Field(item, $"{path}[{i}]")).ToList();
    }
}

/// <summary>Reads one mapping: rejects unknown keys up front, then hands out fields by key.</summary>
internal sealed class MapReader
{
    private readonly YMap _map;
    private readonly string _path;

    public MapReader(YMap map, string path, string[]? known)
    {
        _map = map;
        _path = path;
        if (known is not null)
        {
            RejectUnknown(known);
        }
    }

    public SourceLocation Where => _map.Where;

    public IEnumerable<(YScalar Key, Field Value)> Entries =>
        _map.Entries.Select(e => (e.Key, new Field(e.Value, RigErrors.Join(_path, e.Key.Value))));

    public IEnumerable<string> Keys => _map.Entries.Select(e => e.Key.Value);

    /// <summary>The field, or null when the key is absent or its value is empty.</summary>
    public Field? Optional(string key)
    {
        foreach (var entry in _map.Entries)
        {
            if (entry.Key.Value == key)
            {
                var field = new Field(entry.Value, RigErrors.Join(_path, key));
                return field.IsNull ? null : field;
            }
        }

        return null;
    }

    public Field Required(string key, string expected) =>
        Optional(key) ?? throw RigErrors.At(
            _map.Where, RigErrors.Join(_path, key), $"missing required field '{key}' (expected {expected})");

    private void RejectUnknown(string[] known)
    {
        foreach (var (key, _) in _map.Entries)
        {
            if (!known.Contains(key.Value, StringComparer.Ordinal))
            {
                throw RigErrors.At(
                    key.Where, RigErrors.Join(_path, key.Value),
                    $"unknown key '{key.Value}'; known keys: {string.Join(", ", known)}");
            }
        }
    }
}
