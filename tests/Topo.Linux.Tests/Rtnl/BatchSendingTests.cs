using Topo.Linux.Rtnl;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Rtnl;

/// <summary>A batch sends nothing before its commit, even where a request names an interface an earlier one makes.</summary>
public sealed class BatchSendingTests
{
    [KernelFact]
    public void Naming_an_interface_the_batch_has_yet_to_make_sends_nothing_before_the_commit()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        var batch = host.Batch();

        batch.CreateBridge("br0", new LinkOptions(Up: true))
            .CreateMacvlan("mv0", "br0", null, MacvlanModes.Bridge)
            .CreateVeth(new VethEnd("p0", Options: new LinkOptions(Master: "br0")), new VethEnd("p1"))
            .SetMaster("p1", "br0")
            .AddAddress("br0", "10.9.0.1/24")
            .AddRoute(new RouteSpec("10.8.0.0/16", Device: "br0"))
            .Rename("p1", "q1");

        Assert.Equal(7, batch.Count);
        Assert.DoesNotContain(IpWitness.Links(sandbox).Keys, n => n is "br0" or "mv0" or "p0" or "p1" or "q1");

        batch.Commit();

        Assert.Equal("br0", IpWitness.Link(sandbox, null, "mv0").GetProperty("link").GetString());
        Assert.Equal("br0", IpWitness.Link(sandbox, null, "p0").GetProperty("master").GetString());
        Assert.Equal("br0", IpWitness.Link(sandbox, null, "q1").GetProperty("master").GetString());
        Assert.Equal(["10.9.0.1/24"], IpWitness.Addresses(sandbox, null, "br0"));
        Assert.Contains(IpWitness.Routes(sandbox, null), r => r.StartsWith("10.8.0.0/16 dev br0", StringComparison.Ordinal));
    }

    [KernelFact]
    public void A_name_nothing_makes_fails_at_the_commit_as_its_request_after_the_requests_before_it_are_sent()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        var batch = host.Batch().CreateBridge("br0").AddAddress("nope0", "10.9.0.1/24").CreateBridge("br1");

        var e = Assert.Throws<KernelException>(batch.Commit);

        Assert.Equal(Errors.ENODEV, e.Errno);
        Assert.Equal("adding address 10.9.0.1/24 to 'nope0' in namespace 'host': no interface 'nope0' in namespace 'host'", e.Message);
        Assert.Equal(1, batch.FailedAt);
        var links = IpWitness.Links(sandbox).Keys;
        Assert.Contains("br0", links);
        Assert.DoesNotContain("br1", links);
    }
}
