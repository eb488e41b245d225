using Topo.Core.State;

namespace Topo.Core.Export;

/// <summary>
/// <c>topo export</c>'s pure half: the lab file that rebuilds a state read from the kernel, with
/// what the file cannot say as warnings. The caller checks the text with the validator before handing it out.
/// </summary>
public static class LabExporter
{
    /// <param name="state">The namespaces to export, as read for inspect, the host cut down to what belongs with them (<see cref="HostFocus"/>).</param>
    public static ExportResult Export(LabState state, ExportOptions options)
    {
        var (exported, warnings) = new TopologyExtractor(new HeldState(state), options).Extract();
        var names = state.Namespaces.Where(n => !n.IsHost).ToList();
        var header =
            $"Exported by `topo export` from what the kernel held: {(names.Count == 0 ? "no namespaces" : "namespaces " + string.Join(", ", names))}.\n" +
            $"Rebuild it with `topo apply FILE`{(names.Count == 0 ? "" : " once these namespaces are gone")}.";
        var (shortened, dropped) = ImplicitAddressing.Shorten(exported, lab => LabYamlWriter.Write(lab, header));
        return new ExportResult(LabYamlWriter.Write(shortened, header), [.. warnings, .. dropped]);
    }

}
