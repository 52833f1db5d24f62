using System.Text;
using Hil.Foundation;
using Hil.UserClients.Tests.Fakes;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Tests.Sim;

public sealed class SimMapTests
{

    [Test]
    [CancelAfter(10_000)]
    public unsafe void Map_opens_the_shm_object_the_reply_names_and_shares_its_bytes(CancellationToken ct)
    {
        var name = $"/hil-uctest-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40];
        var path = "/dev/shm" + name;
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 8192).Select(i => (byte)i)]);
        try
        {
            using var server = new FakeServer((c, r) =>
            {
                Assert.That((r.Kind, r.MemoryType), Is.EqualTo((FrameKind.Map, 1u)));
                c.Reply(r.Id, IOReturn.Success, [4096], Encoding.UTF8.GetBytes(name));
            });
            using var client = server.Connect();
            using var mapped = client.Map(1);
            Assert.That((mapped.Name, mapped.Size, mapped.Pointer[200]), Is.EqualTo((name, 4096L, (byte)200)));
            mapped.Pointer[7] = 0xEE;
            mapped.Dispose();
            Assert.That(File.ReadAllBytes(path)[7], Is.EqualTo(0xEE), "the mapping is shared, not a copy");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<TestCaseData> BadReplies()
    {
        yield return new TestCaseData(IOReturn.Unsupported, new ulong[] { 4096 }, "/x", "kIOReturnUnsupported").SetName("Map refused by status");
        yield return new TestCaseData(IOReturn.Success, Array.Empty<ulong>(), "/x", "1 scalar").SetName("Map reply without a size");
        yield return new TestCaseData(IOReturn.Success, new ulong[] { 0 }, "/x", "size").SetName("Map reply with size 0");
        yield return new TestCaseData(IOReturn.Success, new ulong[] { 64 }, "/a/../b", "no further '/'").SetName("Map reply with a path");
        yield return new TestCaseData(IOReturn.Success, new ulong[] { 64 }, "/hil-surely-absent-object", "does not exist").SetName("Map reply naming a missing object");
    }

    [TestCaseSource(nameof(BadReplies))]
    [CancelAfter(10_000)]
    public void A_wrong_map_reply_is_a_product_defect_saying_what_was_expected(IOReturn status, ulong[] scalars, string name, string expected, CancellationToken ct)
    {
        using var server = new FakeServer((c, r) => c.Reply(r.Id, status, scalars, Encoding.UTF8.GetBytes(name)));
        using var client = server.Connect();
        var ex = Assert.Throws<UserClientException>(() => client.Map(2));
        Assert.That(ex.Fault, Is.EqualTo(FaultKind.ProductDefect));
        Assert.That(ex.Message, Does.Contain(expected));
    }

    [Test]
    [CancelAfter(10_000)]
    public void An_object_smaller_than_announced_is_refused_rather_than_grown(CancellationToken ct)
    {
        var name = $"/hil-uctest-small-{Guid.NewGuid():N}"[..36];
        File.WriteAllBytes("/dev/shm" + name, new byte[100]);
        try
        {
            using var server = new FakeServer((c, r) => c.Reply(r.Id, IOReturn.Success, [4096], Encoding.UTF8.GetBytes(name)));
            using var client = server.Connect();
            Assert.That(() => client.Map(1), Throws.TypeOf<UserClientException>().With.Message.Contains("is 100 bytes"));
            Assert.That(new FileInfo("/dev/shm" + name).Length, Is.EqualTo(100));
        }
        finally
        {
            File.Delete("/dev/shm" + name);
        }
    }
}
