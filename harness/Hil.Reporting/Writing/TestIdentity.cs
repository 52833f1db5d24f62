using System.Security.Cryptography;
using System.Text;
using Hil.Reporting.Model;

namespace Hil.Reporting.Writing;

/// <summary>
/// Test identity as Allure 3 and Allure 2.45+ compute it (allure.md §1.8): the generators
/// ignore <c>historyId</c> and hash <c>testCaseId</c> plus the non-excluded parameters. We
/// write <c>testCaseId = md5(fullName)</c> and a <c>historyId</c> built the generators' way, so
/// older readers and TestOps agree with the new ones.
/// </summary>
internal static class TestIdentity
{
    /// <summary><c>Namespace.Class.Method(ParamType,…)</c>: stable across runs and argument values.</summary>
    public static string FullName(string className, string methodName, IEnumerable<string> parameterTypes) =>
        $"{className}.{methodName}({string.Join(",", parameterTypes)})";

    public static string TestCaseId(string fullName) => Md5(fullName);

    /// <summary><c>md5(testCaseId) + "." + md5("name:value,…")</c> over non-excluded parameters sorted by name, then value.</summary>
    public static string HistoryId(string testCaseId, IEnumerable<AllureParameter> parameters)
    {
        var stable = parameters
            .Where(p => !p.Excluded)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}:{p.Value}");
        return $"{Md5(testCaseId)}.{Md5(string.Join(",", stable))}";
    }

    public static string Md5(string text)
    {
#pragma warning disable CA5351 // Allure's identity is defined as md5; this is naming, not security.
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(text));
#pragma warning restore CA5351
        return Convert.ToHexStringLower(hash);
    }
}
