using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Hil.Foundation;

namespace Hil.Dext.Plist;

/// <summary>
/// Reads Apple's XML property list format (the format of a dext's Info.plist) into
/// <see cref="PlistNode"/>s. Binary plists are refused with a message saying how to convert.
/// </summary>
internal static class PlistXmlReader
{
    public static PlistNode Read(string xml, string sourcePath)
    {
        var document = Load(xml, sourcePath);
        var root = document.Root!;
        if (root.Name.LocalName != "plist")
        {
            throw Error(sourcePath, root, $"expected the root element <plist>, found <{root.Name.LocalName}>");
        }

        var values = root.Elements().ToList();
        if (values.Count != 1)
        {
            throw Error(sourcePath, root, $"expected exactly one value inside <plist>, found {values.Count}");
        }

        return ReadValue(values[0], sourcePath);
    }

    private static XDocument Load(string xml, string sourcePath)
    {
        if (xml.StartsWith("bplist", StringComparison.Ordinal))
        {
            throw new InputException(
                $"{sourcePath}: is a binary plist; convert it with `plutil -convert xml1 {sourcePath}`");
        }

        // Info.plist files carry Apple's DOCTYPE; it is ignored, never fetched.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new InputException($"{sourcePath}:{e.LineNumber}:{e.LinePosition}: not well-formed XML: {e.Message}", e);
        }
    }

    private static PlistNode ReadValue(XElement element, string sourcePath)
    {
        var line = LineOf(element);
        return element.Name.LocalName switch
        {
            "dict" => ReadDict(element, sourcePath),
            "array" => new PlistArray(element.Elements().Select(e => ReadValue(e, sourcePath)).ToList(), line),
            "string" => new PlistString(element.Value, line),
            "integer" => new PlistInteger(ParseInteger(element, sourcePath), line),
            "true" => new PlistBoolean(true, line),
            "false" => new PlistBoolean(false, line),
            "real" or "date" or "data" => new PlistOther(element.Name.LocalName, element.Value, line),
            var other => throw Error(sourcePath, element, $"unknown plist element <{other}>"),
        };
    }

    private static PlistDict ReadDict(XElement element, string sourcePath)
    {
        var children = element.Elements().ToList();
        var entries = new List<KeyValuePair<string, PlistNode>>(children.Count / 2);
        for (var i = 0; i < children.Count; i += 2)
        {
            var key = children[i];
            if (key.Name.LocalName != "key")
            {
                throw Error(sourcePath, key, $"expected <key> in <dict>, found <{key.Name.LocalName}>");
            }

            if (i + 1 >= children.Count)
            {
                throw Error(sourcePath, key, $"key '{key.Value}' has no value");
            }

            entries.Add(new(key.Value, ReadValue(children[i + 1], sourcePath)));
        }

        return new PlistDict(entries, LineOf(element));
    }

    private static long ParseInteger(XElement element, string sourcePath)
    {
        var text = element.Value.Trim();
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        var ok = hex
            ? long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        return ok ? value : throw Error(sourcePath, element, $"<integer> holds '{text}', expected a decimal or 0x-hex number");
    }

    private static int LineOf(XElement element) => ((IXmlLineInfo)element).LineNumber;

    private static InputException Error(string sourcePath, XElement element, string what) =>
        new($"{sourcePath}:{LineOf(element)}: {what}");
}
