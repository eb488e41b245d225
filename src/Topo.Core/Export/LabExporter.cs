namespace Topo.Core.Export;

/// <summary>
/// <c>topo export</c>'s pure half: the lab file that rebuilds a <see cref="KernelView"/>, with
/// what the file cannot say as warnings. The caller checks the text with the validator before handing it out.
/// </summary>
public static class LabExporter
{
    /// <param name="view">The namespaces to export, the host cut down to what belongs with them (<see cref="HostFocus"/>).</param>
    /// <param name="lab">The lab name the file gets.</param>
    /// <param name="includeHost">Whether the host's routes through the exported interfaces go into the file too.</param>
    public static ExportResult Export(KernelView view, string lab, bool includeHost)
    {
        var (exported, warnings) = new TopologyExtractor(view, includeHost).Extract(lab);
        var names = view.Namespaces.Where(n => n.Name.Length != 0).Select(n => n.Name).ToList();
        var header =
            $"Exported by `topo export` from what the kernel held: {(names.Count == 0 ? "no namespaces" : "namespaces " + string.Join(", ", names))}.\n" +
            $"Rebuild it with `topo apply FILE`{(names.Count == 0 ? "" : " once these namespaces are gone")}.";
        return new ExportResult(LabYamlWriter.Write(exported, header), warnings);
    }

}
