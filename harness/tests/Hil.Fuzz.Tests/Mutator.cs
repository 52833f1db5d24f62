namespace Hil.Fuzz.Tests;

/// <summary>
/// libFuzzer's mutators in a seeded loop: byte flips, random bytes inserted or erased, a range
/// copied within the input, a splice with another seed, truncation and dictionary tokens (the
/// syntax of YAML, XML and JSON, where a parser's edge cases live). The same seed gives the same
/// inputs, so a failure reproduces.
/// </summary>
internal sealed class Mutator(Random random, IReadOnlyList<byte[]> dictionary)
{
    private const int MaxLength = 256 << 10;

    /// <summary>One to eight stacked mutations of <paramref name="input"/>, <paramref name="other"/> for splices.</summary>
    public byte[] Mutate(byte[] input, byte[] other)
    {
        var data = new List<byte>(input);
        var rounds = 1 + random.Next(8);
        for (var i = 0; i < rounds; i++)
        {
            MutateOnce(data, other);
        }

        return [.. data.Take(MaxLength)];
    }

    private void MutateOnce(List<byte> data, byte[] other)
    {
        switch (random.Next(8))
        {
            case 0 when data.Count > 0:
                data[random.Next(data.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                data.Insert(random.Next(data.Count + 1), (byte)random.Next(256));
                break;
            case 2 when data.Count > 0:
                var start = random.Next(data.Count);
                data.RemoveRange(start, random.Next(Math.Min(64, data.Count - start) + 1));
                break;
            case 3 when data.Count > 0:
                var from = random.Next(data.Count);
                var copy = data.GetRange(from, random.Next(Math.Min(256, data.Count - from) + 1));
                data.InsertRange(random.Next(data.Count + 1), copy);
                break;
            case 4 when other.Length > 0:
                var cut = random.Next(data.Count + 1);
                var otherCut = random.Next(other.Length);
                data.RemoveRange(cut, data.Count - cut);
                data.AddRange(other.AsSpan(otherCut).ToArray());
                break;
            case 5 when data.Count > 0:
                var keep = random.Next(data.Count);
                data.RemoveRange(keep, data.Count - keep);
                break;
            case 6:
                data.InsertRange(random.Next(data.Count + 1), dictionary[random.Next(dictionary.Count)]);
                break;
            case 7 when data.Count > 0:
                // Repeat a token many times: deep nesting and long runs are where parsers recurse or quadratic-loop.
                var token = dictionary[random.Next(dictionary.Count)];
                var times = 1 + random.Next(2000);
                data.InsertRange(random.Next(data.Count + 1), Enumerable.Repeat(token, times).SelectMany(t => t));
                break;
        }
    }
}
