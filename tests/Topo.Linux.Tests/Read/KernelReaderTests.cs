using System.Diagnostics;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;
using Topo.Testing.Kernel;
using Topo.Testing;
using Topo.Linux.Read;

namespace Topo.Linux.Tests.Read;

public sealed class KernelReaderTests
{
    [KernelFact]
    public void The_reader_returns_exactly_what_was_built_owned_and_foreign_with_veth_peers_across_namespaces()
    {
        using var sandbox = new KernelSandbox();
        var lab = sandbox.Id;
        var mark = Ownership.Mark(lab);
        var (a, b, f, x) = (sandbox.Name("a"), sandbox.Name("b"), sandbox.Name("f"), sandbox.Name("x"));
        using var threadA = sandbox.Namespaces.Create(a);
        using var threadB = sandbox.Namespaces.Create(b);
        using var threadF = sandbox.Namespaces.Create(f);
        using var threadX = sandbox.Namespaces.Create(x);
        using var handleA = NetnsHandle.Of(threadA);
        using var handleB = NetnsHandle.Of(threadB);
        using var handleX = NetnsHandle.Of(threadX);
        using var host = RtnlClient.Open(sandbox.Host, "host");
        using var inA = RtnlClient.Open(threadA);
        using var inB = RtnlClient.Open(threadB);
        inA.Apply(t => t.SetUp("lo", true).SetAlias("lo", mark));
        inB.Apply(t => t.SetUp("lo", true).SetAlias("lo", mark));

        host.Apply(t => t
            .CreateBridge("br0", new LinkOptions(Mac: "02:00:00:00:00:b0", Alias: mark, Up: true))
            .CreateVeth(new VethEnd("va", null, new LinkOptions(Mac: "02:00:00:00:00:a1", Master: "br0", Alias: mark, Up: true)),
                        new VethEnd("eth0", handleA, new LinkOptions(Mac: "02:00:00:00:00:a0")))
            .CreateVeth(new VethEnd("eth1", handleA, new LinkOptions(Mac: "02:00:00:00:00:a2", Mtu: 1400)),
                        new VethEnd("eth1", handleB, new LinkOptions(Mac: "02:00:00:00:00:b2", Mtu: 1400)))
            .CreateVeth(new VethEnd("vx", null, new LinkOptions(Mac: "02:00:00:00:00:c1")),
                        new VethEnd("eth0", handleX, new LinkOptions(Mac: "02:00:00:00:00:c0")))
            .AddAddress("br0", "10.0.0.1/24"));
        inA.Apply(t => t.SetAlias("eth0", mark).SetUp("eth0", true).SetAlias("eth1", mark)
            .AddAddress("eth0", "10.0.0.2/24").AddAddress("eth0", "fd00::2/64")
            .AddRoute(new RouteSpec("default", Via: "10.0.0.1")));
        inB.Apply(t => t.SetAlias("eth1", mark));
        host.Apply(t => t.AddRoute(new RouteSpec("10.50.0.0/16", Via: "10.0.0.2")));
        KernelSandbox.Run("ip", "-n", f, "link", "add", "d0", "address", "02:00:00:00:00:d0", "type", "ifb");
        KernelSandbox.Run("ip", "-n", f, "link", "set", "d0", "up");
        KernelSandbox.Run("ip", "-n", f, "addr", "add", "10.60.0.1/24", "dev", "d0");
        KernelSandbox.Run("ip", "-n", f, "route", "add", "10.61.0.0/16", "via", "10.60.0.2");

        var state = new KernelReader(sandbox.Host, sandbox.Namespaces).Read(lab, [f, sandbox.Id + "-absent"], ReadDepth.Everything, null);

        Assert.Equal(lab, state.Lab);
        Golden.Match("lab-as-read", Describe(state, sandbox.Id));
        var pair = state.Resources.OfType<VethResource>().Single(v => v.A.Namespace == a && v.A.Name == "eth1");
        Assert.Equal(VethResource.Of(new LinkEnd(b, "eth1"), new LinkEnd(a, "eth1")).Key, pair.Key);
    }

    [KernelFact]
    public void A_pair_is_the_labs_by_a_marked_end_or_by_both_ends_in_its_namespaces_never_by_one_end_alone()
    {
        using var sandbox = new KernelSandbox();
        var lab = sandbox.Id;
        var (owned, second, foreign) = (sandbox.Name("own"), sandbox.Name("two"), sandbox.Name("frn"));
        using var ownedThread = sandbox.Namespaces.Create(owned);
        using var secondThread = sandbox.Namespaces.Create(second);
        using var foreignThread = sandbox.Namespaces.Create(foreign);
        using var ownedHandle = NetnsHandle.Of(ownedThread);
        using var secondHandle = NetnsHandle.Of(secondThread);
        using var foreignHandle = NetnsHandle.Of(foreignThread);
        using (var inOwned = RtnlClient.Open(ownedThread)) inOwned.Apply(t => t.SetAlias("lo", Ownership.Mark(lab)));
        using (var inSecond = RtnlClient.Open(secondThread)) inSecond.Apply(t => t.SetAlias("lo", Ownership.Mark(lab)));
        using var host = RtnlClient.Open(sandbox.Host, "host");

        host.Apply(t => t
            // As topo leaves one when killed before finishing the end it placed: the host end marked with the pair.
            .CreateVeth(new VethEnd("vmark"), new VethEnd("eth0", ownedHandle)).SetAlias("vmark", Ownership.Mark(lab))
            // As a kill leaves a pair made between two of the lab's namespaces: no mark on either end.
            .CreateVeth(new VethEnd("eth1", ownedHandle), new VethEnd("eth1", secondHandle))
            // As a hand makes one and moves an end into a lab namespace: no mark, one end outside.
            .CreateVeth(new VethEnd("vhand"), new VethEnd("eth2", ownedHandle))
            .CreateVeth(new VethEnd("vfrn"), new VethEnd("eth0", foreignHandle)));

        var state = new KernelReader(sandbox.Host, sandbox.Namespaces).Read(lab, [foreign], ReadDepth.Everything, null);

        var veths = state.Resources.OfType<VethResource>().ToDictionary(v => v.A.Namespace.IsHost ? v.A.Name : v.B.Name);
        Assert.Equal(lab, veths["vmark"].Owner);
        Assert.Equal(new[] { new LinkEnd(owned, "eth0").Key }, veths["vmark"].Unmarked.ToArray());
        Assert.Equal(lab, veths["eth1"].Owner);
        Assert.Equal(2, veths["eth1"].Unmarked.Length);
        Assert.Null(veths["vhand"].Owner);
        Assert.Null(veths["vfrn"].Owner);
    }

    [KernelFact]
    public void Veth_ends_of_a_deleted_namespace_are_waited_for_until_the_kernel_lets_them_go()
    {
        using var sandbox = new KernelSandbox();
        var node = sandbox.Name("gone");
        using (var thread = sandbox.Namespaces.Create(node))
        using (var handle = NetnsHandle.Of(thread))
        using (var host = RtnlClient.Open(sandbox.Host, "host"))
        {
            host.Apply(t => t.CreateVeth(new VethEnd("vgone"), new VethEnd("eth0", handle)));
        }

        sandbox.Namespaces.Delete(node);
        new KernelReader(sandbox.Host, sandbox.Namespaces).WaitUntilGone(["vgone"], TimeSpan.FromSeconds(10));

        Assert.DoesNotContain("vgone", IpWitness.Links(sandbox).Keys);
    }

    [KernelFact]
    public void Waiting_for_an_interface_that_stays_fails_at_the_deadline_naming_it()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(t => t.CreateBridge("stay0"));

        var e = Assert.Throws<KernelException>(() =>
            new KernelReader(sandbox.Host, sandbox.Namespaces).WaitUntilGone(["stay0"], TimeSpan.FromMilliseconds(200)));

        Assert.StartsWith($"waiting for 'stay0' to leave namespace '{sandbox.Host.Name}': still there after 0.2 s", e.Message);
    }

    [KernelFact]
    public void Two_hundred_namespaces_are_read_in_one_pass()
    {
        using var sandbox = new KernelSandbox();
        var lab = sandbox.Id;
        var names = Enumerable.Range(0, 200).Select(i => sandbox.Name($"n{i}")).ToList();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        var hostBatch = host.Batch();
        var handles = new List<NetnsHandle>();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            using var thread = sandbox.Namespaces.Create(name);
            using var client = RtnlClient.Open(thread);
            client.Apply(t => t.SetUp("lo", true).SetAlias("lo", Ownership.Mark(lab)));
            var handle = NetnsHandle.Of(thread);
            handles.Add(handle);
            hostBatch.CreateVeth(new VethEnd($"h{i}"), new VethEnd("eth0", handle));
        }

        hostBatch.Commit();
        foreach (var h in handles) h.Dispose();

        var clock = Stopwatch.StartNew();
        var state = new KernelReader(sandbox.Host, sandbox.Namespaces).Read(lab, [], ReadDepth.Everything, null);
        clock.Stop();

        Assert.Equal(200, state.Resources.OfType<NamespaceResource>().Count(n => n.Owner == lab));
        Assert.Equal(200, state.Resources.OfType<VethResource>().Count(v => v.A.Namespace == "" && v.B.Name == "eth0"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"reading 200 namespaces took {clock.Elapsed}");
    }

    private static string Describe(LabState state, string id) =>
        string.Join('\n', state.Resources.Select(r =>
            $"{r.Key} owner={r.Owner ?? "-"} :: {r.Describe()} :: " +
            string.Join(' ', r.Attributes.Where(at => at.Value is not null).Select(at => $"{at.Name}={at.Value}"))))
        .Replace(id, "ID", StringComparison.Ordinal);
}
