using Topo.Core.Planning;

namespace Topo.Core.Graph;

/// <summary>
/// How a live graph marks drift, the same in every format: missing is red and dashed (it should be
/// there), different is orange, extra is grey and dotted (it should go), a conflict is red and bold.
/// Labels say it in words too, for readers who cannot tell the colours apart.
/// </summary>
internal static class DriftStyle
{
    public const string Legend = "red dashed: missing; orange: differs; grey dotted: extra; red bold: in conflict";

    public static (string Color, string? Line)? Of(ObjectState state) => state switch
    {
        ObjectState.Missing => ("#d62728", "dashed"),
        ObjectState.Different => ("#ff7f0e", null),
        ObjectState.Extra => ("#7f7f7f", "dotted"),
        ObjectState.Conflict => ("#d62728", "bold"),
        _ => null,
    };
}
