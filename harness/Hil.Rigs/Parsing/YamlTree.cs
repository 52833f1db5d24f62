using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hil.Rigs.Parsing;

/// <summary>A YAML node that remembers where it started, so every error can name line and column.</summary>
internal abstract record YNode(SourceLocation Where);

/// <summary><see cref="Plain"/> is false for quoted scalars: a quoted "" is a value, a plain empty one is null.</summary>
internal sealed record YScalar(string Value, bool Plain, SourceLocation Where) : YNode(Where)
{
    public bool IsNull => Plain && (Value.Length == 0 || Value is "~" or "null" or "Null" or "NULL");
}

internal sealed record YMap(ImmutableArray<KeyValuePair<YScalar, YNode>> Entries, SourceLocation Where) : YNode(Where);

internal sealed record YSeq(ImmutableArray<YNode> Items, SourceLocation Where) : YNode(Where);

/// <summary>
/// Builds a small tree from YamlDotNet's parser events. We build our own rather than use the
/// representation model so duplicate keys, complex keys and several documents are reported
/// with our wording and the position of the offending node.
/// </summary>
internal sealed class YamlTreeBuilder
{
    /// <summary>A rig file nests four levels; the bound keeps a hostile file from overflowing the stack.</summary>
    public const int MaxDepth = 32;

    private readonly string _file;
    private readonly Parser _parser;
    private readonly Dictionary<string, YNode> _anchors = new(StringComparer.Ordinal);

    private YamlTreeBuilder(string file, string yaml)
    {
        _file = file;
        _parser = new Parser(new StringReader(yaml));
    }

    /// <summary>The single document's root, or null for an empty file.</summary>
    public static YNode? Build(string yaml, string file)
    {
        var builder = new YamlTreeBuilder(file, yaml);
        try
        {
            return builder.ReadStream();
        }
        catch (YamlException ex)
        {
            var at = builder.Loc(ex.Start);
            throw RigErrors.At(at, "", $"not valid YAML: {ex.Message}");
        }
    }

    private SourceLocation Loc(Mark mark) => new(_file, (int)mark.Line, (int)mark.Column);

    private ParsingEvent Next()
    {
        if (!MoveNext())
        {
            throw RigErrors.At(new SourceLocation(_file, 1, 1), "", "unexpected end of the YAML stream");
        }

        return _parser.Current!;
    }

    /// <summary>
    /// YamlDotNet's scanner throws more than <see cref="YamlException"/> on some malformed input
    /// (an InvalidOperationException, found by the parser fuzz test); all of it is bad YAML.
    /// </summary>
    private bool MoveNext()
    {
        try
        {
            return _parser.MoveNext();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            var at = _parser.Current is { } last ? Loc(last.End) : new SourceLocation(_file, 1, 1);
            throw RigErrors.At(at, "", $"not valid YAML: the parser stopped after this point ({e.Message})");
        }
    }

    private YNode? ReadStream()
    {
        Expect<StreamStart>(Next());
        var first = Next();
        if (first is StreamEnd)
        {
            return null;
        }

        Expect<DocumentStart>(first);
        var root = ReadNode(Next(), "", 0);
        Expect<DocumentEnd>(Next());
        var after = Next();
        if (after is not StreamEnd)
        {
            throw RigErrors.At(Loc(after.Start), "", "expected one YAML document, found a second one");
        }

        return root;
    }

    private YNode ReadNode(ParsingEvent ev, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw RigErrors.At(Loc(ev.Start), path, $"nested deeper than {MaxDepth} levels; a rig file needs four");
        }

        var node = ev switch
        {
            Scalar s => new YScalar(s.Value, s.Style == ScalarStyle.Plain, Loc(s.Start)),
            MappingStart m => ReadMap(m, path, depth),
            SequenceStart q => ReadSeq(q, path, depth),
            AnchorAlias a => Resolve(a, path),
            _ => throw RigErrors.At(Loc(ev.Start), path, $"unexpected YAML element {ev.GetType().Name}"),
        };
        if (ev is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            _anchors[anchored.Anchor.Value] = node;
        }

        return node;
    }

    private YNode Resolve(AnchorAlias alias, string path) =>
        _anchors.TryGetValue(alias.Value.Value, out var node)
            ? node
            : throw RigErrors.At(Loc(alias.Start), path, $"alias *{alias.Value.Value} names no anchor defined before it");

    private YMap ReadMap(MappingStart start, string path, int depth)
    {
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<YScalar, YNode>>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        for (var ev = Next(); ev is not MappingEnd; ev = Next())
        {
            if (ReadNode(ev, path, depth + 1) is not YScalar key)
            {
                throw RigErrors.At(Loc(ev.Start), path, "expected a plain key, got a mapping or sequence used as a key");
            }

            if (seen.TryGetValue(key.Value, out var first))
            {
                throw RigErrors.At(key.Where, RigErrors.Join(path, key.Value), $"duplicate key '{key.Value}' (first defined at line {first.Line}, column {first.Column})");
            }

            seen[key.Value] = key.Where;
            entries.Add(new(key, ReadNode(Next(), RigErrors.Join(path, key.Value), depth + 1)));
        }

        return new YMap(entries.ToImmutable(), Loc(start.Start));
    }

    private YSeq ReadSeq(SequenceStart start, string path, int depth)
    {
        var items = ImmutableArray.CreateBuilder<YNode>();
        for (var ev = Next(); ev is not SequenceEnd; ev = Next())
        {
            items.Add(ReadNode(ev, $"{path}[{items.Count}]", depth + 1));
        }

        return new YSeq(items.ToImmutable(), Loc(start.Start));
    }

    private void Expect<T>(ParsingEvent ev)
        where T : ParsingEvent
    {
        if (ev is not T)
        {
            throw RigErrors.At(Loc(ev.Start), "", $"unexpected YAML element {ev.GetType().Name}, expected {typeof(T).Name}");
        }
    }
}
