namespace Topo.Core.State;

/// <summary>
/// A node without a namespace of its own: on the host network (<see cref="Ns"/> is <see cref="Netns.Host"/>)
/// or attached to an existing namespace (<see cref="Ns"/> is its path). Only the lab file knows the node's
/// name; the kernel layer needs the paths, to read and to report a missing one by the node's name.
/// </summary>
public sealed record SharedNamespace(string Node, Netns Ns);
