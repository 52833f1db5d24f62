using Hil.Reporting;
using NUnit.Framework;

namespace Hil.Reporting.Samples;

/// <summary>One test writes to the console and NUnit's test output, one writes nothing.</summary>
public class Chatty
{
    [Test]
    public void Talks()
    {
        Console.WriteLine("relay1/1 ON");
        TestContext.Out.WriteLine("enumerated HIL-A");
    }

    [Test]
    public void Quiet() => Assert.Pass();
}

/// <summary>Issue and TMS links by id (resolved by the link patterns), and a full url that stays as it is.</summary>
[AllureTms("TMS-7")]
public class Linked
{
    [Test]
    [AllureIssue("123")]
    [AllureLink("spec", "https://example.org/spec")]
    public void Tracked() => Assert.Pass();

    [Test]
    public void AtRunTime() => AllureTest.AddIssue("HIL 9");
}

/// <summary>A test plan picks two of three: one by selector, one by ALLURE_ID.</summary>
public class Planned
{
    public static int LeftOutRuns { get; set; }

    [Test]
    public void Chosen() => Assert.Pass();

    [Test]
    public void LeftOut() => LeftOutRuns++;

    [Test]
    [AllureId(42)]
    public void ById() => Assert.Pass();
}
