using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Validation;

public sealed class SysctlRuleTests
{
    private const string KeyRule = "must be under 'net.' with dot-separated parts of a-z, 0-9, '_' and '-' (e.g. net.ipv4.ip_forward)";

    [Theory]
    [InlineData("kernel.panic")]
    [InlineData("net")]
    [InlineData("net..ipv4")]
    [InlineData("net.ipv4/../../kernel")]
    [InlineData("net.ipv4.conf.eth0.")]
    [InlineData("net.IPv4.ip_forward")]
    [InlineData("net.ipv4.ip forward")]
    public void A_sysctl_key_stays_under_net(string key) =>
        Assert.Equal([$"host.sysctls.{key}: sysctl '{key}' {KeyRule}"], new LabBuilder().HostSysctl(key, "1").Errors());

    [Theory]
    [InlineData("")]
    [InlineData("1 2")]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("x\u0001")]
    public void A_sysctl_value_is_an_integer_or_a_short_word(string value) =>
        Assert.Equal(
            [$"nodes.r.sysctls.net.ipv4.ip_forward: sysctl value '{value}' must be an integer or a word of 1 to 64 characters without whitespace"],
            new LabBuilder().Node("r", sysctls: [("net.ipv4.ip_forward", value)]).Errors());

    [Fact]
    public void A_sysctl_value_of_65_characters_is_too_long()
    {
        var value = new string('x', 65);
        Assert.Single(new LabBuilder().HostSysctl("net.core.default_qdisc", value).Errors());
        Assert.Empty(new LabBuilder().HostSysctl("net.core.default_qdisc", value[..64]).Errors());
    }

    [Fact]
    public void A_sysctl_is_set_once_per_namespace() =>
        Assert.Equal(
            ["host.sysctls.net.ipv4.ip_forward: sysctl 'net.ipv4.ip_forward' is set twice in host"],
            new LabBuilder().HostSysctl("net.ipv4.ip_forward", "1").HostSysctl("net.ipv4.ip_forward", "0").Errors());

    [Fact]
    public void Sysctls_land_in_the_host_and_in_their_node()
    {
        var lab = new LabBuilder().HostSysctl("net.ipv4.ip_forward", "1")
            .Node("r", sysctls: [("net.ipv4.conf.all.rp_filter", "0"), ("net.core.default_qdisc", "fq_codel")]).Valid();

        Assert.Equal(
            [
                new SysctlResource(Netns.Host, "net.ipv4.ip_forward", "1"),
                new SysctlResource("r", "net.ipv4.conf.all.rp_filter", "0"),
                new SysctlResource("r", "net.core.default_qdisc", "fq_codel"),
            ],
            lab.Desired.Resources.OfType<SysctlResource>().Select(s => s with { Owner = null }));
    }

    [Theory]
    [InlineData("fq/codel")]
    [InlineData("..")]
    [InlineData("a..b")]
    [InlineData("/proc/sys/kernel/panic")]
    public void A_sysctl_value_is_no_path(string value) =>
        Assert.Equal(
            [$"host.sysctls.net.core.default_qdisc: sysctl value '{value}' must not contain '/' or '..': a net sysctl takes a number or a word, not a path (e.g. 1 or fq_codel)"],
            new LabBuilder().HostSysctl("net.core.default_qdisc", value).Errors());

    [Theory]
    [InlineData("net.ipv4.ip_forward", "1", "net.ipv4.conf.all.forwarding", "0")]
    [InlineData("net.ipv4.conf.all.forwarding", "0", "net.ipv4.ip_forward", "1")]
    public void Ip_forward_and_conf_all_forwarding_are_one_setting(string first, string firstValue, string second, string secondValue) =>
        Assert.Equal(
            [$"nodes.r.sysctls.{second}: sysctl '{second}' and '{first}' are one kernel setting (ip_forward is conf.all.forwarding), set here to {secondValue} and to {firstValue} by nodes.r.sysctls.{first} in r; set only one of them"],
            new LabBuilder().Node("r", sysctls: [(first, firstValue), (second, secondValue)]).Errors());

    [Fact]
    public void Ip_forward_and_conf_all_forwarding_are_one_setting_even_with_one_value() =>
        Assert.Equal(
            ["host.sysctls.net.ipv4.conf.all.forwarding: sysctl 'net.ipv4.conf.all.forwarding' and 'net.ipv4.ip_forward' are one kernel setting (ip_forward is conf.all.forwarding), both set to 1 in host; set only one of them"],
            new LabBuilder().HostSysctl("net.ipv4.ip_forward", "1").HostSysctl("net.ipv4.conf.all.forwarding", "1").Errors());

    [Fact]
    public void Ip_forward_of_a_node_on_the_host_network_meets_conf_all_forwarding_of_the_host() =>
        Assert.Equal(
            ["nodes.mon.sysctls.net.ipv4.conf.all.forwarding: sysctl 'net.ipv4.conf.all.forwarding' and 'net.ipv4.ip_forward' are one kernel setting (ip_forward is conf.all.forwarding), set here to 0 and to 1 by host.sysctls.net.ipv4.ip_forward in host; set only one of them"],
            new LabBuilder().HostSysctl("net.ipv4.ip_forward", "1").Node("mon", network: "host", sysctls: [("net.ipv4.conf.all.forwarding", "0")]).Errors());

    [Fact]
    public void Ipv6_forwarding_is_a_setting_of_its_own() =>
        Assert.Empty(new LabBuilder().Node("r", sysctls: [("net.ipv4.ip_forward", "1"), ("net.ipv6.conf.all.forwarding", "0")]).Errors());
}
