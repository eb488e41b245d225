using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Core.Kinds;

namespace Topo.Linux.Read;

/// <summary>
/// Whether a node may attach to the existing namespace its file names. It must be there, and be
/// neither the host's own namespace nor one of the lab's: objects in one namespace read under two
/// keys would be the lab's twice, each key's copy unwanted under the other, and apply would delete what it made.
/// </summary>
internal static class AttachedCheck
{
    /// <summary>Why <paramref name="node"/> may not attach where it says, or null when it may.</summary>
    public static KernelException? Refusal(SharedNamespace node, LabState desired, string hostPath, NetnsDirectory directory)
    {
        if (!File.Exists(node.Ns.Id))
            return new KernelException($"node '{node.Node}' attaches to {node.Ns}, which does not exist", Errors.ENOENT, $"start the process or container that holds it, or correct nodes.{node.Node}.netns");
        if (NamespaceFile.Same(node.Ns.Id, hostPath))
            return new KernelException($"node '{node.Node}' attaches to {node.Ns}, which is the host's own namespace", Errors.EINVAL, $"write network: host for a node on the host network, or correct nodes.{node.Node}.netns");
        return desired.Resources.OfType<NamespaceResource>().FirstOrDefault(n => NamespaceFile.Same(node.Ns.Id, directory.PathOf(n.Name))) is { } own
            ? new KernelException($"node '{node.Node}' attaches to {node.Ns}, which is node '{own.Name}''s namespace in this lab", Errors.EINVAL, $"link to node '{own.Name}' instead, or correct nodes.{node.Node}.netns")
            : null;
    }
}
