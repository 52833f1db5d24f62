using System.Reflection;
using Hil.Reporting.Model;
using Hil.Reporting.Runtime;
using Hil.Reporting.Writing;
using NUnit.Framework.Interfaces;

namespace Hil.Reporting.NUnitHook;

/// <summary>Reads what Allure needs from an NUnit test: identity, suites, labels, parameters, links.</summary>
internal static class NUnitFacts
{
    private static readonly string Framework = $"NUnit {typeof(ITest).Assembly.GetName().Version?.Major}";

    public static TestFacts From(ITest test)
    {
        var type = test.TypeInfo?.Type;
        var className = test.ClassName ?? type?.FullName ?? test.FullName;
        var methodName = test.MethodName ?? test.Name;
        var parameterTypes = test.Method?.GetParameters().Select(p => p.ParameterType.FullName ?? p.ParameterType.Name) ?? [];
        var fullName = TestIdentity.FullName(className, methodName, parameterTypes);
        var assembly = type?.Assembly.GetName().Name ?? "tests";
        var ns = type?.Namespace ?? "";
        var shortClass = type?.Name ?? className;

        var shape = new TestShape(assembly, ns, shortClass, className, methodName, Framework,
            [.. Properties(test, "Category")], Properties(test, "Author").FirstOrDefault());
        var labels = new List<AllureLabel>();
        var fromTest = AllureLabels.All.Where(k => k.FromTest is not null).SelectMany(k => k.FromTest!(shape).Select(k.With));
        var fromAttributes = Attributes<AllureLabelsAttribute>(test).SelectMany(a => a.Labels()).Select(l => new AllureLabel(l.Name, l.Value));
        foreach (var label in fromTest.Concat(fromAttributes))
        {
            LabelSet.Add(labels, label, replace: true);
        }

        var links = Attributes<AllureLinksAttribute>(test).Select(l => l.Link()).ToList();
        var description = Attributes<AllureDescriptionAttribute>(test).LastOrDefault()?.Markdown
            ?? Properties(test, "Description").FirstOrDefault();
        return new TestFacts(test.Id, test.Name, fullName, [assembly, ns, shortClass], labels, Parameters(test), links, description, AncestorIds(test));
    }

    public static IReadOnlyList<string> AncestorIds(ITest test)
    {
        var ids = new List<string>();
        for (var parent = test.Parent; parent is not null; parent = parent.Parent)
        {
            ids.Add(parent.Id);
        }

        return ids;
    }

    /// <summary>Method arguments by parameter name, then the fixture's constructor arguments.</summary>
    private static List<AllureParameter> Parameters(ITest test)
    {
        var parameters = new List<AllureParameter>();
        var infos = test.Method?.GetParameters() ?? [];
        for (var i = 0; i < infos.Length && i < test.Arguments.Length; i++)
        {
            var info = infos[i].ParameterInfo;
            parameters.Add(new AllureParameter
            {
                Name = info.Name ?? $"arg{i}",
                Value = ValueText.Of(test.Arguments[i]),
                Excluded = info.GetCustomAttribute<HistoryExcludedAttribute>() is not null,
            });
        }

        var fixture = Ancestors(test).FirstOrDefault(t => t.IsSuite && t.Method is null && t.TypeInfo is not null && t.Arguments.Length > 0);
        if (fixture?.TypeInfo?.Type is { } fixtureType)
        {
            var ctor = fixtureType.GetConstructors().FirstOrDefault(c => c.GetParameters().Length == fixture.Arguments.Length);
            for (var i = 0; i < fixture.Arguments.Length; i++)
            {
                var name = ctor?.GetParameters()[i].Name ?? $"fixtureArg{i}";
                parameters.Add(new AllureParameter { Name = name, Value = ValueText.Of(fixture.Arguments[i]) });
            }
        }

        return parameters;
    }

    private static IEnumerable<ITest> Ancestors(ITest test)
    {
        for (var t = test.Parent; t is not null; t = t.Parent)
        {
            yield return t;
        }
    }

    // NUnit keeps [Category] and [Author] of a fixture on the fixture, not on its tests.
    private static IEnumerable<string> Properties(ITest test, string key) =>
        new[] { test }.Concat(Ancestors(test))
            .SelectMany(t => t.Properties[key].Cast<object?>())
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    /// <summary>Assembly first, then class, then method, so the nearest one-value label wins.</summary>
    private static IEnumerable<T> Attributes<T>(ITest test)
        where T : Attribute
    {
        var type = test.TypeInfo?.Type;
        var fromAssembly = type?.Assembly.GetCustomAttributes<T>() ?? [];
        var fromClass = type?.GetCustomAttributes<T>(inherit: true).Reverse() ?? [];
        var fromMethod = test.Method?.MethodInfo.GetCustomAttributes<T>(inherit: true) ?? [];
        return fromAssembly.Concat(fromClass).Concat(fromMethod);
    }
}
