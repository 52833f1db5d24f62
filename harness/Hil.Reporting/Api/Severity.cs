namespace Hil.Reporting;

/// <summary>Allure's severity levels (label <c>severity</c>), highest first.</summary>
public enum Severity
{
    Blocker,
    Critical,
    Normal,
    Minor,
    Trivial,
}
