namespace Topo.Linux.Remote;

/// <summary>A machine a lab spans, as the lab file names it, and how ssh reaches it (<c>root@h2</c>, or a Host of the ssh config).</summary>
public sealed record RemoteHost(string Name, string SshTarget);
