using System.CommandLine;

namespace Topo.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("topo: declarative network labs (namespaces, veth, bridges, NAT) reconciled over netlink");
        return root.Parse(args).Invoke();
    }
}
