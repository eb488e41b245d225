using System.Text.Json;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Testing.Kernel;
using static Topo.Linux.Tests.Execute.SessionSandbox;

namespace Topo.Linux.Tests.Execute;

public sealed class SettingStepTests
{
    [KernelFact]
    public void Addresses_and_routes_are_added_changed_and_deleted_in_their_namespace()
    {
        using var s = new SessionSandbox();
        var node = s.Kernel.Name("r");
        s.Session.Execute(Create(new NamespaceResource(node)));
        s.Session.Execute(Create(VethResource.Of(new LinkEnd(node, "eth0"), new LinkEnd(node, "eth1"))));
        var address = new AddressResource(node, "eth0", "10.9.0.2/24");
        var other = new AddressResource(node, "eth1", "10.8.0.2/24");
        var route = new RouteResource(node, "10.50.0.0/16", "10.9.0.1", null);

        s.Session.Execute(Create(address));
        s.Session.Execute(Create(other));
        s.Session.Execute(Create(route));

        Assert.Equal(["10.9.0.2/24"], IpWitness.Addresses(s.Kernel, node, "eth0"));
        Assert.Contains("10.50.0.0/16 via 10.9.0.1 dev eth0", IpWitness.Routes(s.Kernel, node));

        var moved = route with { Via = "10.8.0.1" };
        s.Session.Execute(Update(route, moved, ("via", "10.9.0.1", "10.8.0.1")));

        Assert.Contains("10.50.0.0/16 via 10.8.0.1 dev eth1", IpWitness.Routes(s.Kernel, node));

        s.Session.Execute(Delete(moved));
        s.Session.Execute(Delete(address));

        Assert.DoesNotContain(IpWitness.Routes(s.Kernel, node), r => r.StartsWith("10.50.0.0/16", StringComparison.Ordinal));
        Assert.Empty(IpWitness.Addresses(s.Kernel, node, "eth0"));
    }

    [KernelFact]
    public void A_host_sysctl_records_its_first_value_once_and_gets_it_back_on_delete()
    {
        using var s = new SessionSandbox();
        const string key = "net.ipv4.ip_forward";
        var record = Path.Combine(s.StateDirectory, "_sysctl", key);
        var held = Path.Combine(s.StateDirectory, s.Lab, "sysctl", key);
        Assert.Equal("0", s.HostSysctl(key));

        s.Session.Execute(Create(new SysctlResource(Netns.Host, key, "1")));
        s.Session.Execute(Update(new SysctlResource(Netns.Host, key, "1"), new SysctlResource(Netns.Host, key, "1"), ("value", "0", "1")));

        Assert.Equal("1", s.HostSysctl(key));
        Assert.Equal("0", File.ReadAllText(record));
        Assert.True(File.Exists(held));

        s.Session.Execute(Delete(new SysctlResource(Netns.Host, key, "1")));

        Assert.Equal("0", s.HostSysctl(key));
        Assert.False(Directory.Exists(Path.Combine(s.StateDirectory, s.Lab)));
        Assert.False(Directory.Exists(Path.Combine(s.StateDirectory, "_sysctl")));
    }

    [KernelFact]
    public void A_record_of_the_old_form_still_gets_its_value_back()
    {
        using var s = new SessionSandbox();
        const string key = "net.ipv4.ip_forward";
        s.Session.Execute(Create(new SysctlResource(Netns.Host, key, "1")));
        // Before the records were shared, the lab's own file held the value found.
        File.Delete(Path.Combine(s.StateDirectory, "_sysctl", key));
        File.WriteAllText(Path.Combine(s.StateDirectory, s.Lab, "sysctl", key), "0");

        s.Session.Execute(Delete(new SysctlResource(Netns.Host, key, "1")));

        Assert.Equal("0", s.HostSysctl(key));
        Assert.False(Directory.Exists(Path.Combine(s.StateDirectory, "_sysctl")));
    }

    [KernelFact]
    public void A_recorded_host_sysctl_the_lab_no_longer_wants_is_read_as_owned_so_the_plan_restores_it()
    {
        using var s = new SessionSandbox();
        const string key = "net.ipv4.ip_forward";
        var wanted = new LabState(s.Lab, [new SysctlResource(Netns.Host, key, "1")]);
        s.Apply(wanted);
        Assert.Empty(s.PlanNow(wanted).Steps);

        s.Apply(LabState.Empty(s.Lab));

        Assert.Equal("0", s.HostSysctl(key));
        Assert.Empty(s.PlanNow(LabState.Empty(s.Lab)).Steps);
    }

    [KernelFact]
    public void A_namespace_sysctl_is_written_there_only()
    {
        using var s = new SessionSandbox();
        var node = s.Kernel.Name("s");
        s.Session.Execute(Create(new NamespaceResource(node)));

        s.Session.Execute(Create(new SysctlResource(node, "net.ipv4.ip_forward", "1")));

        Assert.Equal("1", KernelSandbox.Run("ip", "netns", "exec", node, "cat", "/proc/sys/net/ipv4/ip_forward").Trim());
        Assert.Equal("0", s.HostSysctl("net.ipv4.ip_forward"));
        Assert.False(Directory.Exists(Path.Combine(s.StateDirectory, s.Lab)));
    }

    [KernelFact]
    public void The_labs_nft_table_is_made_replaced_whole_and_deleted()
    {
        using var s = new SessionSandbox();
        var name = NftTableResource.TableName(s.Lab);
        var table = new NftTableResource(Netns.Host, name, [new MasqueradeRule("10.7.0.0/24")]);

        s.Session.Execute(Create(table));
        Assert.Equal(["ip saddr 10.7.0.0/24"], Saddrs(s, name));

        var changed = table with { Rules = [new MasqueradeRule("10.6.0.0/24")] };
        s.Session.Execute(Update(table, changed, ("rules", table.RulesText, changed.RulesText)));
        Assert.Equal(["ip saddr 10.6.0.0/24"], Saddrs(s, name));

        s.Session.Execute(Delete(changed));
        Assert.DoesNotContain(name, s.Kernel.Witness("nft", "-j", "list", "tables"));
    }

    // The source prefix of each masquerade rule, as nft -j shows it.
    private static List<string> Saddrs(SessionSandbox s, string table)
    {
        using var listing = JsonDocument.Parse(s.Kernel.Witness("nft", "-j", "list", "table", "ip", table));
        return listing.RootElement.GetProperty("nftables").EnumerateArray()
            .Where(i => i.TryGetProperty("rule", out _))
            .Select(i => i.GetProperty("rule").GetProperty("expr")[0].GetProperty("match").GetProperty("right").GetProperty("prefix"))
            .Select(p => $"ip saddr {p.GetProperty("addr").GetString()}/{p.GetProperty("len").GetInt32()}")
            .ToList();
    }
}
