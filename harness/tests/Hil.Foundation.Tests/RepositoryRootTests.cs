using Hil.Foundation;

namespace Hil.Foundation.Tests;

public sealed class RepositoryRootTests
{
    [Test]
    public void The_root_is_the_nearest_directory_above_that_holds_the_solution()
    {
        var root = Directory.CreateTempSubdirectory("hil-root-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, RepositoryRoot.Marker), string.Empty);
            var deep = Directory.CreateDirectory(Path.Combine(root, "rigs", "examples")).FullName;

            Assert.That(RepositoryRoot.TryFind(deep), Is.EqualTo(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void A_path_inside_a_checkout_is_written_relative_to_it_and_one_outside_stays_whole()
    {
        var root = Directory.CreateTempSubdirectory("hil-root-").FullName;
        var outside = Directory.CreateTempSubdirectory("hil-outside-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, RepositoryRoot.Marker), string.Empty);
            var build = Directory.CreateDirectory(Path.Combine(root, "build", "cmp", "base")).FullName;

            Assert.That(RepositoryRoot.Relative(build), Is.EqualTo(Path.Combine("build", "cmp", "base")));
            Assert.That(RepositoryRoot.Relative(outside), Is.EqualTo(outside));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            Directory.Delete(outside);
        }
    }

    [Test]
    public void Outside_a_checkout_the_error_names_where_it_looked()
    {
        var outside = Directory.CreateTempSubdirectory("hil-outside-").FullName;
        try
        {
            var ex = Assert.Throws<InfrastructureException>(() => RepositoryRoot.Find(outside));
            Assert.That(ex!.Message, Does.Contain(outside).And.Contain("Harness.sln"));
        }
        finally
        {
            Directory.Delete(outside);
        }
    }

    [Test]
    public void Monotonic_stamps_never_go_backwards()
    {
        var previous = MonotonicClock.NowNs();
        for (var i = 0; i < 10_000; i++)
        {
            var now = MonotonicClock.NowNs();
            Assert.That(now, Is.GreaterThanOrEqualTo(previous));
            previous = now;
        }
    }
}
