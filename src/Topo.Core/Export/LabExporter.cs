namespace Topo.Core.Export;

/// <summary>
/// <c>topo export</c>'s pure half: the lab file that rebuilds a <see cref="KernelView"/>, with
/// what the file cannot say as warnings. The caller checks the text with the validator before handing it out.
/// </summary>
public static class LabExporter
{
    /// <summary>How the warning begins about a route via the node's own address, which a file cannot write.</summary>
    public const string OwnGatewayWarning = ImplicitAddressing.OwnGateway;

    /// <param name="view">The namespaces to export, the host cut down to what belongs with them (<see cref="HostFocus"/>).</param>
    public static ExportResult Export(KernelView view, ExportOptions options)
    {
        var (exported, warnings) = new TopologyExtractor(view, options).Extract();
        var names = view.Namespaces.Where(n => n.Name.Length != 0).Select(n => n.Name).ToList();
        var header =
            $"Exported by `topo export` from what the kernel held: {(names.Count == 0 ? "no namespaces" : "namespaces " + string.Join(", ", names))}.\n" +
            $"Rebuild it with `topo apply FILE`{(names.Count == 0 ? "" : " once these namespaces are gone")}.";
        var (shortened, dropped) = ImplicitAddressing.Shorten(exported, lab => LabYamlWriter.Write(lab, header));
        return new ExportResult(LabYamlWriter.Write(shortened, header), [.. warnings, .. dropped]);
    }

}
