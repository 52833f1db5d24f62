namespace Hil.Dext.Plist;

/// <summary>
/// One value of an XML property list, with the line it was read from so that errors about
/// the dext's Info.plist can name the line as well as the key.
/// </summary>
internal abstract record PlistNode(int Line)
{
    /// <summary>The plist element name, for "expected X, found Y" messages.</summary>
    public abstract string TypeName { get; }
}

internal sealed record PlistString(string Value, int Line) : PlistNode(Line)
{
    public override string TypeName => "string";
}

internal sealed record PlistInteger(long Value, int Line) : PlistNode(Line)
{
    public override string TypeName => "integer";
}

internal sealed record PlistBoolean(bool Value, int Line) : PlistNode(Line)
{
    public override string TypeName => Value ? "true" : "false";
}

/// <summary>real, date and data: kept as text; nothing the harness reads uses them.</summary>
internal sealed record PlistOther(string Element, string Text, int Line) : PlistNode(Line)
{
    public override string TypeName => Element;
}

internal sealed record PlistArray(IReadOnlyList<PlistNode> Items, int Line) : PlistNode(Line)
{
    public override string TypeName => "array";
}

/// <summary>Keeps the file's key order: personalities are matched in the order they are written.</summary>
internal sealed record PlistDict(IReadOnlyList<KeyValuePair<string, PlistNode>> Entries, int Line) : PlistNode(Line)
{
    public override string TypeName => "dict";

    public PlistNode? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
            {
                return entry.Value;
            }
        }

        return null;
    }
}
