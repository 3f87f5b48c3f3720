<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlarmVocabulary</name>
    <message>
        <source>Communications alarm</source>
        <translation>通信告警</translation>
    </message>
    <message>
        <source>Processing error alarm</source>
        <translation>处理出错告警</translation>
    </message>
    <message>
        <source>Environmental alarm</source>
        <translation>环境告警</translation>
    </message>
    <message>
        <source>Quality of service alarm</source>
        <translation>服务质量告警</translation>
    </message>
    <message>
        <source>Equipment alarm</source>
        <translation>设备告警</translation>
    </message>
    <message>
        <source>Integrity violation</source>
        <translation>完整性破坏</translation>
    </message>
    <message>
        <source>Operational violation</source>
        <translation>操作违规</translation>
    </message>
    <message>
        <source>Physical violation</source>
        <translation>物理违规</translation>
    </message>
    <message>
        <source>Security service</source>
        <translation>安全服务</translation>
    </message>
    <message>
        <source>Mechanism violation</source>
        <translation>机制违规</translation>
    </message>
    <message>
        <source>Security service or mechanism violation</source>
        <translation>安全服务或机制违规</translation>
    </message>
    <message>
        <source>Time domain violation</source>
        <translation>时域违规</translation>
    </message>
    <message>
        <source>Loss of signal</source>
        <translation>信号丢失</translation>
    </message>
    <message>
        <source>Link down</source>
        <translation>链路中断</translation>
    </message>
    <message>
        <source>Link failure</source>
        <translation>链路故障</translation>
    </message>
    <message>
        <source>Degraded signal</source>
        <translation>信号劣化</translation>
    </message>
    <message>
        <source>Framing error</source>
        <translation>帧错误</translation>
    </message>
    <message>
        <source>Loss of frame</source>
        <translation>帧丢失</translation>
    </message>
    <message>
        <source>Loss of pointer</source>
        <translation>指针丢失</translation>
    </message>
    <message>
        <source>Loss of multiframe</source>
        <translation>复帧丢失</translation>
    </message>
    <message>
        <source>Alarm indication signal (AIS)</source>
        <translation>告警指示信号 (AIS)</translation>
    </message>
    <message>
        <source>Remote alarm interface</source>
        <translation>远端告警接口</translation>
    </message>
    <message>
        <source>Excessive bit error rate</source>
        <translation>误码率过高</translation>
    </message>
    <message>
        <source>Path trace mismatch</source>
        <translation>通道踪迹失配</translation>
    </message>
    <message>
        <source>Payload type mismatch</source>
        <translation>净荷类型失配</translation>
    </message>
    <message>
        <source>Signal label mismatch</source>
        <translation>信号标记失配</translation>
    </message>
    <message>
        <source>Far end receiver failure</source>
        <translation>远端接收失效</translation>
    </message>
    <message>
        <source>Transmission error</source>
        <translation>传输错误</translation>
    </message>
    <message>
        <source>Local node transmission error</source>
        <translation>本端节点传输错误</translation>
    </message>
    <message>
        <source>Remote node transmission error</source>
        <translation>远端节点传输错误</translation>
    </message>
    <message>
        <source>Call set-up failure</source>
        <translation>呼叫建立失败</translation>
    </message>
    <message>
        <source>Call establishment error</source>
        <translation>呼叫建立错误</translation>
    </message>
    <message>
        <source>Connection establishment error</source>
        <translation>连接建立错误</translation>
    </message>
    <message>
        <source>Communications protocol error</source>
        <translation>通信协议错误</translation>
    </message>
    <message>
        <source>Communications subsystem failure</source>
        <translation>通信子系统故障</translation>
    </message>
    <message>
        <source>Routing failure</source>
        <translation>路由失败</translation>
    </message>
    <message>
        <source>Invalid message received</source>
        <translation>收到无效消息</translation>
    </message>
    <message>
        <source>Receive failure</source>
        <translation>接收失败</translation>
    </message>
    <message>
        <source>Transmit failure</source>
        <translation>发送失败</translation>
    </message>
    <message>
        <source>LAN error</source>
        <translation>局域网错误</translation>
    </message>
    <message>
        <source>DTE-DCE interface error</source>
        <translation>DTE-DCE 接口错误</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>Threshold crossed</source>
        <translation>越过门限</translation>
    </message>
    <message>
        <source>Congestion</source>
        <translation>拥塞</translation>
    </message>
    <message>
        <source>Bandwidth reduced</source>
        <translation>带宽降低</translation>
    </message>
    <message>
        <source>Performance degraded</source>
        <translation>性能劣化</translation>
    </message>
    <message>
        <source>Queue size exceeded</source>
        <translation>队列长度超限</translation>
    </message>
    <message>
        <source>Excessive response time</source>
        <translation>响应时间过长</translation>
    </message>
    <message>
        <source>Excessive retransmission rate</source>
        <translation>重传率过高</translation>
    </message>
    <message>
        <source>Excessive error rate</source>
        <translation>错误率过高</translation>
    </message>
    <message>
        <source>Reduced logging capability</source>
        <translation>日志能力降低</translation>
    </message>
    <message>
        <source>System resources overload</source>
        <translation>系统资源过载</translation>
    </message>
    <message>
        <source>Resource at or nearing capacity</source>
        <translation>资源达到或接近容量</translation>
    </message>
    <message>
        <source>Software error</source>
        <translation>软件错误</translation>
    </message>
    <message>
        <source>Software program error</source>
        <translation>软件程序错误</translation>
    </message>
    <message>
        <source>Software program abnormally terminated</source>
        <translation>软件程序异常终止</translation>
    </message>
    <message>
        <source>Storage capacity problem</source>
        <translation>存储容量问题</translation>
    </message>
    <message>
        <source>Version mismatch</source>
        <translation>版本不匹配</translation>
    </message>
    <message>
        <source>Corrupt data</source>
        <translation>数据损坏</translation>
    </message>
    <message>
        <source>CPU cycles limit exceeded</source>
        <translation>CPU 周期超限</translation>
    </message>
    <message>
        <source>File error</source>
        <translation>文件错误</translation>
    </message>
    <message>
        <source>Out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>Underlying resource unavailable</source>
        <translation>底层资源不可用</translation>
    </message>
    <message>
        <source>Application subsystem failure</source>
        <translation>应用子系统故障</translation>
    </message>
    <message>
        <source>Configuration or customization error</source>
        <translation>配置或定制错误</translation>
    </message>
    <message>
        <source>Database inconsistency</source>
        <translation>数据库不一致</translation>
    </message>
    <message>
        <source>Timeout expired</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Software download failure</source>
        <translation>软件下载失败</translation>
    </message>
    <message>
        <source>Equipment malfunction</source>
        <translation>设备故障</translation>
    </message>
    <message>
        <source>Power problem</source>
        <translation>电源问题</translation>
    </message>
    <message>
        <source>Power supply failure</source>
        <translation>电源模块故障</translation>
    </message>
    <message>
        <source>Timing problem</source>
        <translation>定时问题</translation>
    </message>
    <message>
        <source>Processor problem</source>
        <translation>处理器问题</translation>
    </message>
    <message>
        <source>Fan failure</source>
        <translation>风扇故障</translation>
    </message>
    <message>
        <source>Cooling fan failure</source>
        <translation>散热风扇故障</translation>
    </message>
    <message>
        <source>Receiver failure</source>
        <translation>接收机故障</translation>
    </message>
    <message>
        <source>Transmitter failure</source>
        <translation>发射机故障</translation>
    </message>
    <message>
        <source>Multiplexer problem</source>
        <translation>复用器问题</translation>
    </message>
    <message>
        <source>Line card problem</source>
        <translation>线卡问题</translation>
    </message>
    <message>
        <source>Backplane failure</source>
        <translation>背板故障</translation>
    </message>
    <message>
        <source>Replaceable unit missing</source>
        <translation>可更换单元缺失</translation>
    </message>
    <message>
        <source>Replaceable unit problem</source>
        <translation>可更换单元问题</translation>
    </message>
    <message>
        <source>Replaceable unit type mismatch</source>
        <translation>可更换单元类型不匹配</translation>
    </message>
    <message>
        <source>Protection path failure</source>
        <translation>保护路径故障</translation>
    </message>
    <message>
        <source>Loss of synchronisation</source>
        <translation>失步</translation>
    </message>
    <message>
        <source>Loss of redundancy</source>
        <translation>冗余丢失</translation>
    </message>
    <message>
        <source>Disk failure</source>
        <translation>磁盘故障</translation>
    </message>
    <message>
        <source>Adapter error</source>
        <translation>适配器错误</translation>
    </message>
    <message>
        <source>Input/output device error</source>
        <translation>输入/输出设备错误</translation>
    </message>
    <message>
        <source>Input device error</source>
        <translation>输入设备错误</translation>
    </message>
    <message>
        <source>Output device error</source>
        <translation>输出设备错误</translation>
    </message>
    <message>
        <source>Dataset or modem error</source>
        <translation>数据集或调制解调器错误</translation>
    </message>
    <message>
        <source>External device problem</source>
        <translation>外部设备问题</translation>
    </message>
    <message>
        <source>Antenna failure</source>
        <translation>天线故障</translation>
    </message>
    <message>
        <source>Battery charging failure</source>
        <translation>电池充电故障</translation>
    </message>
    <message>
        <source>Real-time clock failure</source>
        <translation>实时时钟故障</translation>
    </message>
    <message>
        <source>High temperature</source>
        <translation>温度过高</translation>
    </message>
    <message>
        <source>Low temperature</source>
        <translation>温度过低</translation>
    </message>
    <message>
        <source>Temperature unacceptable</source>
        <translation>温度异常</translation>
    </message>
    <message>
        <source>Humidity unacceptable</source>
        <translation>湿度异常</translation>
    </message>
    <message>
        <source>High humidity</source>
        <translation>湿度过高</translation>
    </message>
    <message>
        <source>Low humidity</source>
        <translation>湿度过低</translation>
    </message>
    <message>
        <source>Heating, ventilation or cooling system problem</source>
        <translation>供暖、通风或制冷系统问题</translation>
    </message>
    <message>
        <source>Air conditioning failure</source>
        <translation>空调故障</translation>
    </message>
    <message>
        <source>Fire detected</source>
        <translation>检测到火情</translation>
    </message>
    <message>
        <source>Fire</source>
        <translation>火灾</translation>
    </message>
    <message>
        <source>Smoke</source>
        <translation>烟雾</translation>
    </message>
    <message>
        <source>Flood detected</source>
        <translation>检测到水浸</translation>
    </message>
    <message>
        <source>Flood</source>
        <translation>水浸</translation>
    </message>
    <message>
        <source>Toxic leak detected</source>
        <translation>检测到有毒物质泄漏</translation>
    </message>
    <message>
        <source>Toxic gas</source>
        <translation>有毒气体</translation>
    </message>
    <message>
        <source>Explosive gas</source>
        <translation>易爆气体</translation>
    </message>
    <message>
        <source>Leak detected</source>
        <translation>检测到泄漏</translation>
    </message>
    <message>
        <source>Pressure unacceptable</source>
        <translation>压力异常</translation>
    </message>
    <message>
        <source>Excessive vibration</source>
        <translation>振动过大</translation>
    </message>
    <message>
        <source>Material supply exhausted</source>
        <translation>物料耗尽</translation>
    </message>
    <message>
        <source>Pump failure</source>
        <translation>泵故障</translation>
    </message>
    <message>
        <source>Enclosure door open</source>
        <translation>机柜门打开</translation>
    </message>
    <message>
        <source>Intrusion detection</source>
        <translation>入侵检测</translation>
    </message>
    <message>
        <source>Commercial power failure</source>
        <translation>市电故障</translation>
    </message>
    <message>
        <source>Battery discharging</source>
        <translation>电池放电</translation>
    </message>
    <message>
        <source>Battery failure</source>
        <translation>电池故障</translation>
    </message>
    <message>
        <source>Low battery threshold</source>
        <translation>电池电量低</translation>
    </message>
    <message>
        <source>Rectifier failure</source>
        <translation>整流器故障</translation>
    </message>
    <message>
        <source>Generator failure</source>
        <translation>发电机故障</translation>
    </message>
    <message>
        <source>Fuse failure</source>
        <translation>熔丝故障</translation>
    </message>
    <message>
        <source>Low fuel</source>
        <translation>燃料不足</translation>
    </message>
    <message>
        <source>Authentication failure</source>
        <translation>认证失败</translation>
    </message>
    <message>
        <source>Breach of confidentiality</source>
        <translation>泄密</translation>
    </message>
    <message>
        <source>Cable tamper</source>
        <translation>线缆被篡改</translation>
    </message>
    <message>
        <source>Delayed information</source>
        <translation>信息延迟</translation>
    </message>
    <message>
        <source>Denial of service</source>
        <translation>拒绝服务</translation>
    </message>
    <message>
        <source>Duplicate information</source>
        <translation>信息重复</translation>
    </message>
    <message>
        <source>Information missing</source>
        <translation>信息缺失</translation>
    </message>
    <message>
        <source>Information modification detected</source>
        <translation>检测到信息被修改</translation>
    </message>
    <message>
        <source>Information out of sequence</source>
        <translation>信息乱序</translation>
    </message>
    <message>
        <source>Key expired</source>
        <translation>密钥过期</translation>
    </message>
    <message>
        <source>Non-repudiation failure</source>
        <translation>不可否认性失效</translation>
    </message>
    <message>
        <source>Out of hours activity</source>
        <translation>非工作时间活动</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>停止服务</translation>
    </message>
    <message>
        <source>Procedural error</source>
        <translation>程序性错误</translation>
    </message>
    <message>
        <source>Unauthorized access attempt</source>
        <translation>未授权访问尝试</translation>
    </message>
    <message>
        <source>Unexpected information</source>
        <translation>意外信息</translation>
    </message>
    <message>
        <source>Unspecified reason</source>
        <translation>未指明原因</translation>
    </message>
</context>
<context>
    <name>AppOptions</name>
    <message>
        <source>NOC Console: topology, live alarms and trouble tickets, online and offline.

Commands:
  sync   fill the cache from the server and exit (use with --once)</source>
        <translation>NOC 控制台：拓扑、实时告警与故障工单，在线离线均可使用。

命令：
  sync   从服务器同步数据到缓存后退出（与 --once 一起使用）</translation>
    </message>
</context>
<context>
    <name>ConnectionProfile</name>
    <message>
        <source>The server address &quot;%1&quot; is not a valid URL.</source>
        <translation>服务器地址“%1”不是有效的 URL。</translation>
    </message>
    <message>
        <source>The server address must start with https://.</source>
        <translation>服务器地址必须以 https:// 开头。</translation>
    </message>
    <message>
        <source>Insecure connection: traffic to %1 is not encrypted.</source>
        <translation>不安全的连接：与 %1 之间的通信未加密。</translation>
    </message>
    <message>
        <source>Plain http is only allowed to this computer; use https:// for %1.</source>
        <translation>明文 http 仅允许连接本机；请对 %1 使用 https://。</translation>
    </message>
</context>
<context>
    <name>MapToolTips</name>
    <message>
        <source>%1 Gbit/s</source>
        <translation>%1 Gbit/s</translation>
    </message>
    <message>
        <source>%1 Mbit/s</source>
        <translation>%1 Mbit/s</translation>
    </message>
    <message>
        <source>%1 kbit/s</source>
        <translation>%1 kbit/s</translation>
    </message>
    <message>
        <source>%1 at site %2</source>
        <translation>%1，位于站点 %2</translation>
    </message>
    <message>
        <source>Out of service (operational state: disabled)</source>
        <translation>退服（运行状态：停用）</translation>
    </message>
    <message>
        <source>In service (operational state: enabled)</source>
        <translation>在用（运行状态：启用）</translation>
    </message>
    <message>
        <source>Active alarms:</source>
        <translation>活动告警：</translation>
    </message>
    <message>
        <source>(none acknowledged)</source>
        <translation>（均未确认）</translation>
    </message>
    <message>
        <source>(%1 unacknowledged)</source>
        <translation>（%1 条未确认）</translation>
    </message>
    <message>
        <source>(all acknowledged)</source>
        <translation>（均已确认）</translation>
    </message>
    <message>
        <source>No active alarms</source>
        <translation>没有活动告警</translation>
    </message>
    <message>
        <source>Worst active alarm: %1</source>
        <translation>最严重的活动告警：%1</translation>
    </message>
    <message>
        <source>Link down or loss of signal</source>
        <translation>链路中断或信号丢失</translation>
    </message>
    <message>
        <source>Position pinned (right-click to unpin)</source>
        <translation>位置已固定（右键单击可取消固定）</translation>
    </message>
    <message>
        <source>Position from the layout</source>
        <translation>位置由布局决定</translation>
    </message>
    <message>
        <source>Region %1</source>
        <translation>区域 %1</translation>
    </message>
    <message>
        <source>1 element</source>
        <translation>1 个网元</translation>
    </message>
    <message>
        <source>%1 elements</source>
        <translation>%1 个网元</translation>
    </message>
    <message>
        <source>Worst active alarm: %1 (%2 of %3 elements alarmed)</source>
        <translation>最严重的活动告警：%1（%3 个网元中 %2 个有告警）</translation>
    </message>
    <message>
        <source>1 site</source>
        <translation>1 个站点</translation>
    </message>
    <message>
        <source>%1 sites</source>
        <translation>%1 个站点</translation>
    </message>
    <message>
        <source>Between sites %1 and %2</source>
        <translation>连接站点 %1 与 %2</translation>
    </message>
    <message>
        <source>%1, %2 in use</source>
        <translation>%1，已用 %2</translation>
    </message>
    <message>
        <source>Down (its operational state is disabled)</source>
        <translation>中断（其运行状态为停用）</translation>
    </message>
    <message>
        <source>Down (an end reports link down or loss of signal)</source>
        <translation>中断（一端报告链路中断或信号丢失）</translation>
    </message>
    <message>
        <source>1 link</source>
        <translation>1 条链路</translation>
    </message>
    <message>
        <source>%1 links</source>
        <translation>%1 条链路</translation>
    </message>
    <message>
        <source>%1 in total, busiest %2 in use</source>
        <translation>总计 %1，最繁忙的已用 %2</translation>
    </message>
    <message>
        <source>1 link down</source>
        <translation>1 条链路中断</translation>
    </message>
    <message>
        <source>%1 links down</source>
        <translation>%1 条链路中断</translation>
    </message>
</context>
<context>
    <name>NetworkFailure</name>
    <message>
        <source>The server refused the connection; it may not be running at this address.</source>
        <translation>服务器拒绝了连接；该地址上可能没有运行服务器。</translation>
    </message>
    <message>
        <source>The server&apos;s host name was not found; check the address and the network.</source>
        <translation>找不到服务器的主机名；请检查地址和网络。</translation>
    </message>
    <message>
        <source>The connection to the server was closed before it answered.</source>
        <translation>与服务器的连接在其应答之前被关闭。</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate is not trusted. If the server uses a private CA, set the CA certificate in the connection profile.</source>
        <translation>服务器的 TLS 证书不受信任。如果服务器使用私有 CA，请在连接配置中设置 CA 证书。</translation>
    </message>
    <message>
        <source>The server&apos;s TLS public key does not match the key pinned in the connection profile; not connecting.</source>
        <translation>服务器的 TLS 公钥与连接配置中固定的公钥不符，不会连接。</translation>
    </message>
    <message>
        <source>The network failed before the server answered.</source>
        <translation>在服务器应答之前网络出现故障。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>plain words (technical detail)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>The event stream was interrupted.</source>
        <translation>事件流已中断。</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Your role (%1) may not acknowledge alarms.</source>
        <translation>您的角色（%1）无权确认告警。</translation>
    </message>
    <message>
        <source>Your role (%1) may not clear alarms.</source>
        <translation>您的角色（%1）无权清除告警。</translation>
    </message>
    <message>
        <source>Your role (%1) may not comment on alarms.</source>
        <translation>您的角色（%1）无权为告警添加备注。</translation>
    </message>
    <message>
        <source>Your role (%1) may not create tickets.</source>
        <translation>您的角色（%1）无权创建工单。</translation>
    </message>
    <message>
        <source>Your role (%1) may not edit tickets.</source>
        <translation>您的角色（%1）无权编辑工单。</translation>
    </message>
    <message>
        <source>Your role (%1) may not change a ticket&apos;s status.</source>
        <translation>您的角色（%1）无权更改工单状态。</translation>
    </message>
    <message>
        <source>Only a supervisor may assign tickets; your role is %1.</source>
        <translation>只有值班主管可以指派工单；您的角色是 %1。</translation>
    </message>
    <message>
        <source>Only a supervisor may close or cancel tickets; your role is %1.</source>
        <translation>只有值班主管可以关闭或取消工单；您的角色是 %1。</translation>
    </message>
    <message>
        <source>Only an auditor may write audits; your role is %1.</source>
        <translation>只有稽核员可以填写稽核记录；您的角色是 %1。</translation>
    </message>
</context>
<context>
    <name>SyncStatusText</name>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>as of %1, offline %2</source>
        <translation>数据截至 %1，已离线 %2</translation>
    </message>
    <message>
        <source>as of %1 (%2 ago)</source>
        <translation>数据截至 %1（%2前）</translation>
    </message>
    <message>
        <source>Live (polling)</source>
        <translation>实时（轮询）</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Syncing %1: %2 of %3</source>
        <translation>正在同步 %1：%2 / %3</translation>
    </message>
    <message>
        <source>Syncing %1…</source>
        <translation>正在同步 %1…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>%n 秒后重新连接</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n 项待发送</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 项失败</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: last synced %2 (%3 ago)</source>
        <translation>%1：上次同步 %2（%3前）</translation>
    </message>
    <message>
        <source>Events applied this session: %1</source>
        <translation>本次会话已应用事件：%1</translation>
    </message>
    <message>
        <source>Unusable server records skipped: %1</source>
        <translation>已跳过无法使用的服务器记录：%1</translation>
    </message>
    <message>
        <source>Last problem: %1</source>
        <translation>最近的问题：%1</translation>
    </message>
    <message>
        <source>Not synced yet.</source>
        <translation>尚未同步。</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>first sync…</source>
        <translation>正在首次同步…</translation>
    </message>
    <message>
        <source>as of %1 (just now)</source>
        <translation>数据截至 %1（刚刚）</translation>
    </message>
    <message>
        <source>%1: last synced %2 (just now)</source>
        <translation>%1：上次同步 %2（刚刚）</translation>
    </message>
    <message>
        <source>network elements</source>
        <translation>网元</translation>
    </message>
    <message>
        <source>alarms</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>live events</source>
        <translation>实时事件</translation>
    </message>
    <message>
        <source>1 conflict</source>
        <translation>1 项冲突</translation>
    </message>
    <message>
        <source>%1 conflicts</source>
        <translation>%1 项冲突</translation>
    </message>
    <message>
        <source>not saved: disk full</source>
        <translation>未保存：磁盘已满</translation>
    </message>
    <message>
        <source>not saved: cache cannot be written</source>
        <translation>未保存：无法写入缓存</translation>
    </message>
    <message>
        <source>Your latest changes are not saved yet: %1</source>
        <translation>您最近的更改尚未保存：%1</translation>
    </message>
    <message>
        <source>Changes the server refused or that conflict: File ▸ Conflicts and refused changes…</source>
        <translation>被服务器拒绝或有冲突的更改：文件 ▸ 冲突与被拒绝的更改…</translation>
    </message>
    <message>
        <source>Sign-in needed</source>
        <translation>需要登录</translation>
    </message>
    <message>
        <source>The disk is full, so changes cannot be saved now. Free some disk space; the console saves your last change as soon as it can.</source>
        <translation>磁盘已满，目前无法保存更改。请释放一些磁盘空间；控制台会尽快保存您最近的更改。</translation>
    </message>
    <message>
        <source>The local cache cannot be written, so changes cannot be saved now: %1</source>
        <translation>无法写入本地缓存，目前无法保存更改：%1</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
</context>
<context>
    <name>TicketSla</name>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <translation>已超时 %1</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>SLA 超时</translation>
    </message>
</context>
<context>
    <name>TicketStatus</name>
    <message>
        <source>Acknowledged</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>暂挂</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
</context>
<context>
    <name>TicketWorkflow</name>
    <message>
        <source>A ticket cannot go from &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation>工单不能从“%1”变为“%2”。</translation>
    </message>
    <message>
        <source>The ticket is already %1.</source>
        <translation>工单已经是“%1”状态。</translation>
    </message>
    <message>
        <source>A ticket that is %1 cannot change any more.</source>
        <translation>“%1”状态的工单不能再变更状态。</translation>
    </message>
    <message>
        <source>A ticket that is %1 cannot go to %2. Next it can be: %3.</source>
        <translation>“%1”状态的工单不能转为“%2”。下一步可转为：%3。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%2 %1</translation>
    </message>
    <message>
        <source>%1 at %2 and %3 more alarms</source>
        <translation>%2 %1及另外 %3 条告警</translation>
    </message>
    <message>
        <source>%1 at %2 and 1 more alarm</source>
        <translation>%2 %1及另外 1 条告警</translation>
    </message>
    <message>
        <source>Raised from 1 alarm:</source>
        <translation>由 1 条告警创建：</translation>
    </message>
    <message>
        <source>Raised from %L1 alarms:</source>
        <translation>由 %L1 条告警创建：</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>raised %1</source>
        <translation>发生于 %1</translation>
    </message>
    <message>
        <source>%1, raised %2</source>
        <translation>%1，发生于 %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>- %1 %2 on %3: %4</source>
        <translation>- %1 %2，网元 %3：%4</translation>
    </message>
</context>
<context>
    <name>TlsPolicy</name>
    <message>
        <source>Cannot use the CA certificate file %1: it cannot be read or holds no PEM certificate.</source>
        <translation>无法使用 CA 证书文件 %1：文件无法读取，或其中没有 PEM 证书。</translation>
    </message>
    <message>
        <source>The pinned public key &quot;%1&quot; is not a base64 SHA-256 digest.</source>
        <translation>固定的公钥“%1”不是 base64 编码的 SHA-256 摘要。</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate is not trusted (%1). If the server uses a private CA, set the CA certificate in the connection profile.</source>
        <translation>服务器的 TLS 证书不受信任（%1）。如果服务器使用私有 CA，请在连接配置中设置该 CA 证书。</translation>
    </message>
    <message>
        <source>The server&apos;s TLS public key does not match the key pinned in the connection profile; not connecting.</source>
        <translation>服务器的 TLS 公钥与连接配置中固定的公钥不符，不会连接。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>There is no connection profile named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的连接配置。</translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation>正在启动演示服务器…</translation>
    </message>
    <message>
        <source>The built-in demo server is building its simulated network; the console connects as soon as it is ready.</source>
        <translation>内置演示服务器正在构建模拟网络；就绪后控制台会立即连接。</translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation>演示服务器无法启动：%1</translation>
    </message>
</context>
<context>
    <name>noc::AboutDialog</name>
    <message>
        <source>About NOC Console</source>
        <translation>关于 NOC 控制台</translation>
    </message>
    <message>
        <source>NOC Console</source>
        <translation>NOC 控制台</translation>
    </message>
    <message>
        <source>Topology, live alarms and trouble tickets for network operations, online and offline.</source>
        <translation>面向网络运维的拓扑、实时告警与故障工单，在线离线均可使用。</translation>
    </message>
    <message>
        <source>Built with:</source>
        <translation>构建组件：</translation>
    </message>
</context>
<context>
    <name>noc::AlarmConsole</name>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Unacknowledge</source>
        <translation>取消确认</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>Create ticket…</source>
        <translation>创建工单…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <source>Loading alarms…</source>
        <translation>正在加载告警…</translation>
    </message>
    <message>
        <source>%1 of %2 alarms listed</source>
        <translation>已列出 %1 条告警（共 %2 条）</translation>
    </message>
    <message>
        <source>local cache</source>
        <translation>本地缓存</translation>
    </message>
    <message>
        <source>Acknowledge the selected alarms (Ctrl+K)</source>
        <translation>确认所选告警（Ctrl+K）</translation>
    </message>
    <message>
        <source>Take back the acknowledgement of the selected alarms (Ctrl+Shift+K)</source>
        <translation>取消所选告警的确认（Ctrl+Shift+K）</translation>
    </message>
    <message>
        <source>Clear the selected alarms by hand (Ctrl+Shift+Del)</source>
        <translation>手动清除所选告警（Ctrl+Shift+Del）</translation>
    </message>
    <message>
        <source>Add a comment to the selected alarms (Ctrl+M)</source>
        <translation>为所选告警添加备注（Ctrl+M）</translation>
    </message>
    <message>
        <source>Open a ticket for the selected alarms (Ctrl+T)</source>
        <translation>为所选告警创建工单（Ctrl+T）</translation>
    </message>
    <message>
        <source>Copy the selected rows as text (Ctrl+C)</source>
        <translation>将所选行复制为文本（Ctrl+C）</translation>
    </message>
    <message>
        <source>Save the selected rows, or the whole list, as CSV (Ctrl+E)</source>
        <translation>将所选行或整个列表保存为 CSV（Ctrl+E）</translation>
    </message>
    <message>
        <source>Show the selected alarm&apos;s element on the map (Ctrl+G)</source>
        <translation>在地图上显示所选告警的网元（Ctrl+G）</translation>
    </message>
    <message>
        <source>Select one or more alarms first.</source>
        <translation>请先选择一条或多条告警。</translation>
    </message>
    <message>
        <source>Comment on alarms</source>
        <translation>告警备注</translation>
    </message>
    <message>
        <source>Export alarms</source>
        <translation>导出告警</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Saved views: filters, sort and columns under a name</source>
        <translation>已保存的视图：以名称保存的筛选、排序和列</translation>
    </message>
    <message>
        <source>Alarm settings…</source>
        <translation>告警设置…</translation>
    </message>
    <message>
        <source>Sound, volume and how long cleared alarms stay listed</source>
        <translation>声音、音量，以及已清除告警保留显示的时长</translation>
    </message>
    <message>
        <source>No saved views yet</source>
        <translation>尚无已保存的视图</translation>
    </message>
    <message>
        <source>Save current view as…</source>
        <translation>将当前视图另存为…</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <source>Name of the view (filters, sort and columns):</source>
        <translation>视图名称（筛选、排序和列）：</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Rename view</source>
        <translation>重命名视图</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Sound off</source>
        <translation>声音关</translation>
    </message>
    <message>
        <source>Sound on</source>
        <translation>声音开</translation>
    </message>
    <message>
        <source>Alarm sounds are muted; click to turn them on</source>
        <translation>告警声音已静音；点击开启</translation>
    </message>
    <message>
        <source>Click to mute the alarm sounds</source>
        <translation>点击将告警声音静音</translation>
    </message>
    <message>
        <source>%1 alarms listed · loading…</source>
        <translation>已列出 %1 条告警 · 加载中…</translation>
    </message>
    <message>
        <source>Flat list</source>
        <translation>平铺列表</translation>
    </message>
    <message>
        <source>Tree by root cause</source>
        <translation>按根因分组（树形）</translation>
    </message>
    <message>
        <source>Tree: correlated alarms are nested under their root cause (click the arrow, or press + and -)</source>
        <translation>树形：相关告警归入其根因告警之下（点击箭头，或按 + 和 -）</translation>
    </message>
    <message>
        <source>The alarms could not be written to %1: %2</source>
        <translation>无法将告警写入 %1：%2</translation>
    </message>
    <message>
        <source>An export is being written…</source>
        <translation>正在写入导出文件…</translation>
    </message>
    <message>
        <source>Exported 1 alarm to %1</source>
        <translation>已导出 1 条告警到 %1</translation>
    </message>
    <message>
        <source>Exported %1 alarms to %2</source>
        <translation>已导出 %1 条告警到 %2</translation>
    </message>
    <message>
        <source>Working on the selected alarms…</source>
        <translation>正在处理所选告警…</translation>
    </message>
    <message>
        <source>Alarm action</source>
        <translation>告警操作</translation>
    </message>
    <message>
        <source>The selected alarms could not be read from the local cache: %1</source>
        <translation>无法从本地缓存读取所选告警：%1</translation>
    </message>
    <message>
        <source>The view keeps its name &quot;%1&quot;: the new name is empty or another view already has it.</source>
        <translation>视图仍名为“%1”：新名称为空，或已有其他视图使用该名称。</translation>
    </message>
    <message>
        <source>Comment on 1 alarm:</source>
        <translation>为 1 条告警添加备注：</translation>
    </message>
    <message>
        <source>Comment on %L1 alarms:</source>
        <translation>为 %L1 条告警添加备注：</translation>
    </message>
</context>
<context>
    <name>noc::AlarmDetailsView</name>
    <message>
        <source>Show on map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <source>No alarm selected</source>
        <translation>未选择告警</translation>
    </message>
    <message>
        <source>Select an alarm in the list to see its details.</source>
        <translation>在列表中选择一条告警以查看详情。</translation>
    </message>
    <message>
        <source>%1 alarm on %2: %3</source>
        <translation>%2 上的%1告警：%3</translation>
    </message>
    <message>
        <source>Select %1 on the map</source>
        <translation>在地图上选中 %1</translation>
    </message>
    <message>
        <source>Alarm id</source>
        <translation>告警 ID</translation>
    </message>
    <message>
        <source>External id</source>
        <translation>外部 ID</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Alarm type</source>
        <translation>告警类型</translation>
    </message>
    <message>
        <source>Probable cause</source>
        <translation>可能原因</translation>
    </message>
    <message>
        <source>Specific problem</source>
        <translation>具体问题</translation>
    </message>
    <message>
        <source>Alarmed object</source>
        <translation>告警对象</translation>
    </message>
    <message>
        <source>Source system</source>
        <translation>来源系统</translation>
    </message>
    <message>
        <source>Service affecting</source>
        <translation>影响业务</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>根因</translation>
    </message>
    <message>
        <source>Parent alarms</source>
        <translation>父告警</translation>
    </message>
    <message>
        <source>Correlated alarms</source>
        <translation>关联告警</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>A change made here is waiting for the server to confirm it.</source>
        <translation>在本地所做的更改正在等待服务器确认。</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>产生</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>最近变更</translation>
    </message>
    <message>
        <source>Acknowledged by %1 (%2)</source>
        <translation>由 %1 确认（%2）</translation>
    </message>
    <message>
        <source>Cleared by %1</source>
        <translation>由 %1 清除</translation>
    </message>
    <message>
        <source>Comment by %1: %2</source>
        <translation>%1 的备注：%2</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>No ticket for this alarm.</source>
        <translation>此告警没有工单。</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>网元</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Vendor / model</source>
        <translation>厂商 / 型号</translation>
    </message>
    <message>
        <source>Management IP</source>
        <translation>管理 IP</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Operational state</source>
        <translation>运行状态</translation>
    </message>
    <message>
        <source>%1 (not in the inventory)</source>
        <translation>%1（不在资源清单中）</translation>
    </message>
    <message>
        <source>Select an alarm first.</source>
        <translation>请先选择一条告警。</translation>
    </message>
    <message>
        <source>This alarm names no network element.</source>
        <translation>此告警未关联网元。</translation>
    </message>
</context>
<context>
    <name>noc::AlarmFilterBar</name>
    <message>
        <source>Search alarms: cause, problem, element…</source>
        <translation>搜索告警：原因、问题、网元…</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>已清除</translation>
    </message>
    <message>
        <source>Active and cleared</source>
        <translation>活动和已清除</translation>
    </message>
    <message>
        <source>Which alarms to list</source>
        <translation>列出哪些告警</translation>
    </message>
    <message>
        <source>Any acknowledgement</source>
        <translation>全部确认状态</translation>
    </message>
    <message>
        <source>Unacknowledged</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>All regions and sites</source>
        <translation>所有区域和站点</translation>
    </message>
    <message>
        <source>A region, or one site of it</source>
        <translation>一个区域，或其中的一个站点</translation>
    </message>
    <message>
        <source>Element id</source>
        <translation>网元 ID</translation>
    </message>
    <message>
        <source>All alarm types</source>
        <translation>所有告警类型</translation>
    </message>
    <message>
        <source>X.733 alarm type</source>
        <translation>X.733 告警类型</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <source>Raised in the last hour</source>
        <translation>最近 1 小时内产生</translation>
    </message>
    <message>
        <source>Raised in the last 24 hours</source>
        <translation>最近 24 小时内产生</translation>
    </message>
    <message>
        <source>Raised in the last 7 days</source>
        <translation>最近 7 天内产生</translation>
    </message>
    <message>
        <source>Raised between…</source>
        <translation>产生时间介于…</translation>
    </message>
    <message>
        <source>When the alarms were raised</source>
        <translation>告警产生的时间</translation>
    </message>
    <message>
        <source>Raised at or after</source>
        <translation>产生时间不早于</translation>
    </message>
    <message>
        <source>Raised at or before</source>
        <translation>产生时间不晚于</translation>
    </message>
    <message>
        <source>Hide correlated children</source>
        <translation>隐藏关联子告警</translation>
    </message>
    <message>
        <source>List root causes and uncorrelated alarms only</source>
        <translation>只列出根因告警和未关联的告警</translation>
    </message>
    <message>
        <source>Search the listed alarms (Ctrl+F)</source>
        <translation>在列出的告警中搜索（Ctrl+F）</translation>
    </message>
    <message>
        <source>Reset filters</source>
        <translation>重置筛选</translation>
    </message>
    <message>
        <source>Show every active alarm again: no search text, place, type, time or severity</source>
        <translation>重新显示全部活动告警：清空搜索文字、区域站点、类型、时间和级别筛选</translation>
    </message>
</context>
<context>
    <name>noc::AlarmSettingsDialog</name>
    <message>
        <source>Alarm settings</source>
        <translation>告警设置</translation>
    </message>
    <message>
        <source>Mute alarm sounds</source>
        <translation>告警声音静音</translation>
    </message>
    <message>
        <source>Sound:</source>
        <translation>声音：</translation>
    </message>
    <message>
        <source>Critical tone</source>
        <translation>严重提示音</translation>
    </message>
    <message>
        <source>Major tone</source>
        <translation>主要提示音</translation>
    </message>
    <message>
        <source>Volume:</source>
        <translation>音量：</translation>
    </message>
    <message>
        <source>No audio output device: the desktop bell rings instead of the tones.</source>
        <translation>没有音频输出设备：将以系统提示铃声代替提示音。</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>0: a cleared alarm leaves the active list at once</source>
        <translation>0：告警清除后立即离开活动列表</translation>
    </message>
    <message>
        <source>Keep cleared alarms in the active list for:</source>
        <translation>已清除告警在活动列表中保留：</translation>
    </message>
    <message>
        <source>Play the tone of a new critical alarm</source>
        <translation>播放新严重告警的提示音</translation>
    </message>
    <message>
        <source>Play the tone of a new major alarm</source>
        <translation>播放新主要告警的提示音</translation>
    </message>
</context>
<context>
    <name>noc::AlarmTableModel</name>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>主要</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>次要</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Indeterminate</source>
        <translation>不确定</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>已清除</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>产生</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 · pending</source>
        <translation>%1 · 待服务器确认</translation>
    </message>
    <message>
        <source>Changed here; waiting for the server to confirm.</source>
        <translation>已在本地更改，等待服务器确认。</translation>
    </message>
    <message>
        <source>Acknowledged by %1</source>
        <translation>由 %1 确认</translation>
    </message>
    <message>
        <source>This column is not sortable; the list keeps its severity order.</source>
        <translation>此列不可排序；列表保持按级别排序。</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>最近变更</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>网元</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Alarm type</source>
        <translation>告警类型</translation>
    </message>
    <message>
        <source>Probable cause</source>
        <translation>可能原因</translation>
    </message>
    <message>
        <source>Specific problem</source>
        <translation>具体问题</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Source system</source>
        <translation>来源系统</translation>
    </message>
    <message>
        <source>How often this problem occurred: alarms in the cache on the same element with the same probable cause, cleared ones included. Not sortable.</source>
        <translation>此问题发生的次数：缓存中同一网元上具有相同可能原因的告警数，包括已清除的。不可排序。</translation>
    </message>
    <message>
        <source>Occurrences</source>
        <translation>发生次数</translation>
    </message>
</context>
<context>
    <name>noc::AlarmTrendsPanel</name>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Save the chart as a PNG image</source>
        <translation>将图表保存为 PNG 图像</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Save the chart as a PDF document</source>
        <translation>将图表保存为 PDF 文档</translation>
    </message>
    <message>
        <source>Loading alarm trends…</source>
        <translation>正在加载告警趋势…</translation>
    </message>
    <message>
        <source>Last 24 hours: %L1 alarms raised · %L2 active now</source>
        <translation>最近 24 小时：新增 %L1 条告警 · 当前活动 %L2 条</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export alarm trends</source>
        <translation>导出告警趋势</translation>
    </message>
    <message>
        <source>The chart could not be written to %1.</source>
        <translation>无法将图表写入 %1。</translation>
    </message>
</context>
<context>
    <name>noc::CacheDatabase</name>
    <message>
        <source>Changes that could not be saved last time are in %1, but that file cannot be read (%2).</source>
        <translation>上次未能保存的更改在 %1 中，但无法读取该文件（%2）。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) that could not be saved last time still cannot be written to the cache, so they stay in %1 and are tried again at the next start: %2</source>
        <translation>
            <numerusform>上次未能保存的 %n 项更改仍无法写入缓存，因此保留在 %1 中，下次启动时将再次尝试：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not create the folder %1 for the cache %2. Check that its parent folder exists and is writable, or choose another cache location.</source>
        <translation>无法为缓存 %2 创建文件夹 %1。请检查其上级文件夹是否存在且可写，或选择其他缓存位置。</translation>
    </message>
    <message>
        <source>The cache %1 is damaged and could not be moved aside (%2). Move or delete it by hand, or choose another cache location.</source>
        <translation>缓存 %1 已损坏且无法移到一旁（%2）。请手动移动或删除它，或选择其他缓存位置。</translation>
    </message>
    <message>
        <source>The cache file %1 was damaged, so it was moved aside to %2 and a new, empty cache was created. Alarms, tickets and inventory will be loaded again from the server. %3</source>
        <translation>缓存文件 %1 已损坏，因此已移到 %2，并创建了一个新的空缓存。告警、工单和资源清单将从服务器重新加载。%3</translation>
    </message>
    <message>
        <source>No unsent changes could be recovered from the damaged file.</source>
        <translation>未能从损坏的文件中恢复任何未发送的更改。</translation>
    </message>
    <message numerus="yes">
        <source>%n unsent change(s) were recovered and will still be sent.</source>
        <translation>
            <numerusform>已恢复 %n 项未发送的更改，它们仍会被发送。</numerusform>
        </translation>
    </message>
    <message>
        <source>The cache %1 was written by a newer version of the console (schema %2; this version knows %3). Use the newer console or another cache file.</source>
        <translation>缓存 %1 由较新版本的控制台写入（格式 %2；此版本支持 %3）。请使用较新的控制台或其他缓存文件。</translation>
    </message>
    <message>
        <source>A new cache was created at %1.</source>
        <translation>已在 %1 创建新缓存。</translation>
    </message>
    <message>
        <source>The cache %1 was updated from format %2 to %3.</source>
        <translation>缓存 %1 已从格式 %2 更新到 %3。</translation>
    </message>
    <message>
        <source>The cache file %1 cannot be written: the file or its folder is read-only. The console shows what the file holds, but it cannot sync or save changes until the file can be written. Make the file and its folder writable for your user (for example: chmod u+w %1), or start the console with --cache and another file.</source>
        <translation>缓存文件 %1 无法写入：该文件或其所在文件夹为只读。控制台会显示文件中已有的内容，但在文件可写之前无法同步或保存更改。请让当前用户可以写入该文件及其文件夹（例如：chmod u+w %1），或使用 --cache 指定另一个文件启动控制台。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) that could not be saved when the console last stopped are now in the cache; those for the server will be sent.</source>
        <translation>
            <numerusform>控制台上次退出时未能保存的 %n 项更改现已写入缓存；需要发往服务器的更改将被发送。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>noc::CacheError</name>
    <message>
        <source>the disk holding %1 is full (or the cache reached its size limit). Free some space; nothing was lost, the write will be retried.</source>
        <translation>%1 所在的磁盘已满（或缓存已达到大小上限）。请释放一些空间；没有丢失任何内容，写入将会重试。</translation>
    </message>
    <message>
        <source>the file or its folder %1 is read-only. Make it writable or choose another cache location.</source>
        <translation>该文件或其文件夹 %1 为只读。请使其可写，或选择其他缓存位置。</translation>
    </message>
    <message>
        <source>the file cannot be created or opened; check that the folder %1 exists and is writable.</source>
        <translation>无法创建或打开该文件；请检查文件夹 %1 是否存在且可写。</translation>
    </message>
    <message>
        <source>the disk reported an input/output error.</source>
        <translation>磁盘报告了输入/输出错误。</translation>
    </message>
    <message>
        <source>another program is writing to it (is a second console open with the same profile?).</source>
        <translation>另一个程序正在写入它（是否用同一配置打开了第二个控制台？）。</translation>
    </message>
    <message>
        <source>the file is damaged or is not a cache file.</source>
        <translation>该文件已损坏或不是缓存文件。</translation>
    </message>
    <message>
        <source>SQLite reported an error.</source>
        <translation>SQLite 报告了一个错误。</translation>
    </message>
    <message>
        <source>Could not open the cache %1: %2</source>
        <translation>无法打开缓存 %1：%2</translation>
    </message>
    <message>
        <source>Could not read the cache %1: %2</source>
        <translation>无法读取缓存 %1：%2</translation>
    </message>
    <message>
        <source>Could not write to the cache %1: %2</source>
        <translation>无法写入缓存 %1：%2</translation>
    </message>
    <message>
        <source>Could not configure the cache %1: %2</source>
        <translation>无法配置缓存 %1：%2</translation>
    </message>
</context>
<context>
    <name>noc::CacheWriterWorker</name>
    <message>
        <source>Your changes are kept. Restart the console: it checks the cache, keeps your unsent changes and loads the rest again.</source>
        <translation>您的更改已保留。请重新启动控制台：它会检查缓存，保留您未发送的更改，并重新加载其余内容。</translation>
    </message>
    <message numerus="yes">
        <source>One batch of %n record(s) could not be stored and was skipped.</source>
        <translation>
            <numerusform>有一批 %n 条记录无法存储，已跳过。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>noc::ConflictsDialog</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Your change</source>
        <translation>您的更改</translation>
    </message>
    <message>
        <source>Server now</source>
        <translation>服务器当前</translation>
    </message>
    <message>
        <source>Apply again</source>
        <translation>重新提交</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Unacknowledge</source>
        <translation>取消确认</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Status → %1</source>
        <translation>状态 → %1</translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>Comment: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Ticket %1</source>
        <translation>工单 %1</translation>
    </message>
    <message>
        <source>Alarm %1</source>
        <translation>告警 %1</translation>
    </message>
    <message>
        <source>There is nothing to apply or discard.</source>
        <translation>没有可重新提交或放弃的更改。</translation>
    </message>
    <message>
        <source>Send your change again, over the server&apos;s version</source>
        <translation>再次发送您的更改，覆盖服务器的版本</translation>
    </message>
    <message>
        <source>Drop your change; the server&apos;s version stays</source>
        <translation>放弃您的更改，保留服务器的版本</translation>
    </message>
    <message>
        <source>Create ticket “%1”</source>
        <translation>创建工单“%1”</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>已产生</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>已清除</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>新工单</translation>
    </message>
    <message>
        <source>Gone</source>
        <translation>已不存在</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未改变</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>The server refused this change outright; it cannot be applied again. Discard it.</source>
        <translation>服务器已直接拒绝此更改，无法重新提交。请将其放弃。</translation>
    </message>
    <message>
        <source>Select one or more changes first.</source>
        <translation>请先选择一项或多项更改。</translation>
    </message>
    <message>
        <source>A refused change cannot be applied again; discard it.</source>
        <translation>被拒绝的更改无法重新提交；请将其放弃。</translation>
    </message>
    <message>
        <source>Conflicts and refused changes</source>
        <translation>冲突与被拒绝的更改</translation>
    </message>
    <message>
        <source>Nothing here: every change you made was accepted by the server or is still waiting.</source>
        <translation>这里没有内容：您的所有更改均已被服务器接受或仍在等待发送。</translation>
    </message>
    <message>
        <source>Conflicts: the alarm or ticket changed on the server first. The server&apos;s version is shown in the console; apply your change again or discard it.</source>
        <translation>冲突：告警或工单已先在服务器上被修改。控制台显示的是服务器上的版本；您可以重新提交您的更改或将其放弃。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Created, not named</source>
        <translation>已创建，未获编号</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>The console could not confirm this change on the server; sending it again could make a second ticket. Look for the ticket by its reference, then discard this.</source>
        <translation>控制台无法在服务器上确认此更改；再次发送可能会产生重复的工单。请按参考号查找该工单，然后放弃此项。</translation>
    </message>
    <message>
        <source>The server refused to create this ticket, so this change has no ticket to go to. Discard it.</source>
        <translation>服务器拒绝创建此工单，此更改没有可提交的工单。请将其放弃。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>field label: value</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation>已移除%1</translation>
    </message>
    <message>
        <source>Expected resolution</source>
        <translation>预计解决时间</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>The server said no (HTTP %1) without giving a reason.</source>
        <translation>服务器称不接受（HTTP %1），未说明原因。</translation>
    </message>
    <message>
        <source>The server said: “%1” (HTTP %2)</source>
        <translation>服务器称：“%1”（HTTP %2）</translation>
    </message>
    <message>
        <source>The server said it no longer has this ticket.</source>
        <translation>服务器称已没有这张工单。</translation>
    </message>
    <message>
        <source>The server said it no longer has this alarm.</source>
        <translation>服务器称已没有这条告警。</translation>
    </message>
    <message>
        <source>The server said your role may not do this.</source>
        <translation>服务器称您的角色不允许此操作。</translation>
    </message>
    <message>
        <source>Refused: these changes will not go through, for the reason given: the server&apos;s answer, or the console&apos;s own. The console shows the server&apos;s version; discard them once read.</source>
        <translation>被拒绝：这些更改不会生效，原因见列表：服务器的答复，或控制台自己的原因。控制台显示的是服务器上的版本；阅读后请将其放弃。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>noc::ConsoleTray</name>
    <message>
        <source>NOC Console</source>
        <translation>NOC 控制台</translation>
    </message>
    <message>
        <source>Unacknowledged critical alarms: %L1</source>
        <translation>未确认的严重告警：%L1</translation>
    </message>
    <message>
        <source>No unacknowledged critical alarms</source>
        <translation>没有未确认的严重告警</translation>
    </message>
    <message>
        <source>Show console</source>
        <translation>显示控制台</translation>
    </message>
    <message>
        <source>Mute alarm sounds</source>
        <translation>告警声音静音</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>noc::EventStream</name>
    <message>
        <source>The event stream closed.</source>
        <translation>事件流已关闭。</translation>
    </message>
</context>
<context>
    <name>noc::MainWindow</name>
    <message>
        <source>NOC Console</source>
        <translation>NOC 控制台</translation>
    </message>
    <message>
        <source>No topology yet</source>
        <translation>尚无拓扑</translation>
    </message>
    <message>
        <source>The network map appears here once the cache holds network elements. Connect to an operations server, or start the console with --demo.</source>
        <translation>本地缓存中有网元后，网络拓扑图将显示在此处。请连接运维服务器，或使用 --demo 启动控制台。</translation>
    </message>
    <message>
        <source>No alarms in the cache</source>
        <translation>缓存中没有告警</translation>
    </message>
    <message>
        <source>Alarms appear here after the first sync with the operations server.</source>
        <translation>与运维服务器首次同步后，告警将显示在此处。</translation>
    </message>
    <message>
        <source>No trouble tickets in the cache</source>
        <translation>缓存中没有故障工单</translation>
    </message>
    <message>
        <source>Ticket queues appear here after the first sync.</source>
        <translation>首次同步后，工单队列将显示在此处。</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>未选择任何对象</translation>
    </message>
    <message>
        <source>Select an alarm, a ticket or a network element to see its details.</source>
        <translation>选择告警、工单或网元以查看详情。</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Alarms</source>
        <translation>告警(&amp;A)</translation>
    </message>
    <message>
        <source>No alarm actions until alarms are loaded</source>
        <translation>告警加载后才可执行告警操作</translation>
    </message>
    <message>
        <source>&amp;Tickets</source>
        <translation>工单(&amp;T)</translation>
    </message>
    <message>
        <source>No ticket actions until tickets are loaded</source>
        <translation>工单加载后才可执行工单操作</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About NOC Console</source>
        <translation>关于 NOC 控制台(&amp;A)</translation>
    </message>
    <message>
        <source>Offline · not connected</source>
        <translation>离线 · 未连接</translation>
    </message>
    <message>
        <source>No connection profile is active; the console shows the local cache.</source>
        <translation>没有启用的连接配置；控制台显示本地缓存数据。</translation>
    </message>
    <message>
        <source>No alarm trends yet</source>
        <translation>暂无告警趋势</translation>
    </message>
    <message>
        <source>Alarms raised per minute and active alarms over the last 24 hours appear here once the cache is open.</source>
        <translation>缓存打开后，这里显示最近 24 小时每分钟新增的告警和活动告警数。</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>趋势</translation>
    </message>
    <message numerus="yes">
        <source>%n unacknowledged critical</source>
        <translation>
            <numerusform>%n 条未确认严重告警</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Conflicts and refused changes…</source>
        <translation>冲突与被拒绝的更改(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>登录(&amp;S)…</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <source>The server refused the access token: sign in again to send your changes.</source>
        <translation>服务器拒绝了访问令牌：请重新登录以发送您的更改。</translation>
    </message>
    <message>
        <source>The cache could not be opened</source>
        <translation>无法打开缓存</translation>
    </message>
</context>
<context>
    <name>noc::MapElementCard</name>
    <message>
        <source>Router</source>
        <translation>路由器</translation>
    </message>
    <message>
        <source>Switch</source>
        <translation>交换机</translation>
    </message>
    <message>
        <source>OLT</source>
        <translation>OLT</translation>
    </message>
    <message>
        <source>Base station</source>
        <translation>基站</translation>
    </message>
    <message>
        <source>Microwave</source>
        <translation>微波</translation>
    </message>
    <message>
        <source>Firewall</source>
        <translation>防火墙</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>电源</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>主要</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>次要</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Indeterminate</source>
        <translation>不确定</translation>
    </message>
    <message>
        <source>No active alarm</source>
        <translation>无活动告警</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>IP</source>
        <translation>IP</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>退服</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>link down</source>
        <translation>链路中断</translation>
    </message>
    <message>
        <source>No open tickets</source>
        <translation>无未结工单</translation>
    </message>
    <message numerus="yes">
        <source>Open tickets (%n)</source>
        <translation>
            <numerusform>未结工单（%n）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>noc::OpsApiClient</name>
    <message>
        <source>The request timed out or was cancelled.</source>
        <translation>请求超时或已取消。</translation>
    </message>
    <message>
        <source>The server did not answer.</source>
        <translation>服务器没有应答。</translation>
    </message>
    <message>
        <source>The server answered with an error (HTTP %1).</source>
        <translation>服务器返回错误（HTTP %1）。</translation>
    </message>
    <message>
        <source>The server answered with an error (HTTP %1): %2</source>
        <translation>服务器返回错误（HTTP %1）：%2</translation>
    </message>
</context>
<context>
    <name>noc::OutboxReason</name>
    <message>
        <source>The console is looking for this ticket by its reference %1: the server created it but did not say which one it is.</source>
        <translation>控制台正在按参考号 %1 查找此工单：服务器已创建它，但未告知是哪一张。</translation>
    </message>
    <message>
        <source>The console gave up: the server created this ticket but never said which one it is, not even when asked again (reference %1).</source>
        <translation>控制台已放弃：服务器已创建此工单，但始终未告知是哪一张，再次询问也没有结果（参考号 %1）。</translation>
    </message>
    <message>
        <source>The console did not send this: the server never said which ticket the new one is (reference %1).</source>
        <translation>控制台未发送此更改：服务器始终未告知新工单是哪一张（参考号 %1）。</translation>
    </message>
    <message>
        <source>The console did not send this: the server refused to create this ticket (reference %1).</source>
        <translation>控制台未发送此更改：服务器拒绝创建此工单（参考号 %1）。</translation>
    </message>
</context>
<context>
    <name>noc::SeverityLights</name>
    <message>
        <source>%1 %2 (%3 unack.)</source>
        <translation>%1 %2（%3 未确认）</translation>
    </message>
    <message>
        <source>%1 active %2 alarms, %3 not acknowledged. Click to show only these; click several to combine.</source>
        <translation>%1 条活动%2告警，%3 条未确认。单击只显示这些告警；可同时选择多个级别。</translation>
    </message>
</context>
<context>
    <name>noc::SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>The operations server %1 no longer accepts the access token of the connection profile &quot;%2&quot;: it has expired or was revoked.

Paste a new access token (your administrator or the server&apos;s sign-in page gives you one). Changes you made in the meantime are kept and are sent once you are signed in.</source>
        <translation>运维服务器 %1 不再接受连接配置“%2”的访问令牌：令牌已过期或已被吊销。

请粘贴新的访问令牌（可向管理员索取，或从服务器的登录页面获取）。在此期间您所做的更改都已保留，登录后即会发送。</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>访问令牌：</translation>
    </message>
    <message>
        <source>The token could not be saved, so the console keeps the old one: %1</source>
        <translation>无法保存令牌，控制台继续使用旧令牌：%1</translation>
    </message>
    <message>
        <source>Saving the token…</source>
        <translation>正在保存令牌…</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>正在登录 %1…</translation>
    </message>
    <message>
        <source>The server did not accept this token. Check that you pasted all of it, or ask for a new one.</source>
        <translation>服务器不接受此令牌。请检查是否完整粘贴了令牌，或申请一个新令牌。</translation>
    </message>
</context>
<context>
    <name>noc::StatusNotices</name>
    <message>
        <source>Recent notices</source>
        <translation>最近的通知</translation>
    </message>
</context>
<context>
    <name>noc::SyncEngine</name>
    <message>
        <source>The server sent a malformed %1 page.</source>
        <translation>服务器发送了格式错误的 %1 数据页。</translation>
    </message>
    <message>
        <source>The server sent a malformed %1 id list.</source>
        <translation>服务器发送了格式错误的 %1 标识列表。</translation>
    </message>
    <message>
        <source>The server refused the access token (%1). Local changes are kept; sign in again (File ▸ Sign in…) to send them.</source>
        <translation>服务器拒绝了访问令牌（%1）。本地更改已保留；请重新登录（文件 ▸ 登录…）以发送这些更改。</translation>
    </message>
</context>
<context>
    <name>noc::TicketConsole</name>
    <message>
        <source>Search id, title, element, site, assignee</source>
        <translation>搜索工单号、标题、网元、站点、处理人</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>全部优先级</translation>
    </message>
    <message>
        <source>Critical</source>
        <comment>priority</comment>
        <translation>紧急</translation>
    </message>
    <message>
        <source>High</source>
        <comment>priority</comment>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <comment>priority</comment>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <comment>priority</comment>
        <translation>低</translation>
    </message>
    <message>
        <source>New ticket…</source>
        <translation>新建工单…</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>工单队列</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>工作量</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Tickets %1</source>
        <translation>工单 %1</translation>
    </message>
    <message>
        <source>Open ticket…</source>
        <translation>打开工单…</translation>
    </message>
    <message>
        <source>Assign to</source>
        <translation>指派给</translation>
    </message>
    <message>
        <source>Me (%1)</source>
        <translation>我（%1）</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <source>Open the editor for a new ticket (Ctrl+N)</source>
        <translation>打开编辑器新建工单（Ctrl+N）</translation>
    </message>
    <message>
        <source>Search the listed tickets (Ctrl+F)</source>
        <translation>在列出的工单中搜索（Ctrl+F）</translation>
    </message>
    <message>
        <source>Saved views: queue, filters, sort and columns under a name</source>
        <translation>已保存视图：以名称保存队列、筛选条件、排序和列</translation>
    </message>
    <message>
        <source>Open the selected ticket in the editor (Ctrl+O or Enter)</source>
        <translation>在编辑器中打开所选工单（Ctrl+O 或 Enter）</translation>
    </message>
    <message>
        <source>Select a ticket first.</source>
        <translation>请先选择一个工单。</translation>
    </message>
    <message>
        <source>Show the selected ticket&apos;s element on the map (Ctrl+G)</source>
        <translation>在地图上显示所选工单的网元（Ctrl+G）</translation>
    </message>
    <message>
        <source>The selected ticket names no network element.</source>
        <translation>所选工单未关联网元。</translation>
    </message>
    <message>
        <source>No saved views yet</source>
        <translation>尚无已保存的视图</translation>
    </message>
    <message>
        <source>Save current view as…</source>
        <translation>将当前视图另存为…</translation>
    </message>
    <message>
        <source>Name of the view (queue, filters, sort and columns):</source>
        <translation>视图名称（队列、筛选条件、排序和列）：</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>noc::TicketEditorDialog</name>
    <message>
        <source>New ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Ticket %1</source>
        <translation>工单 %1</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Critical</source>
        <comment>severity</comment>
        <translation>严重</translation>
    </message>
    <message>
        <source>Major</source>
        <comment>severity</comment>
        <translation>主要</translation>
    </message>
    <message>
        <source>Minor</source>
        <comment>severity</comment>
        <translation>次要</translation>
    </message>
    <message>
        <source>Warning</source>
        <comment>severity</comment>
        <translation>警告</translation>
    </message>
    <message>
        <source>Critical</source>
        <comment>priority</comment>
        <translation>紧急</translation>
    </message>
    <message>
        <source>High</source>
        <comment>priority</comment>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <comment>priority</comment>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <comment>priority</comment>
        <translation>低</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Service request</source>
        <translation>服务请求</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>维护</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未指派</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>无班组</translation>
    </message>
    <message>
        <source>Related alarms and elements</source>
        <translation>关联告警和网元</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>网元</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>原因（可选）</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Add a note for the timeline</source>
        <translation>添加处理备注</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Create ticket</source>
        <translation>创建工单</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Status changed to %1; it is sent to the server as soon as there is a connection.</source>
        <translation>状态已改为“%1”；连接可用时即发送到服务器。</translation>
    </message>
    <message>
        <source>Create the ticket first, then add notes.</source>
        <translation>请先创建工单，再添加备注。</translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation>请先填写备注内容。</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>备注已添加。</translation>
    </message>
    <message>
        <source>Type the id of the alarm or element to link.</source>
        <translation>请输入要关联的告警或网元 ID。</translation>
    </message>
    <message>
        <source>%1 is already linked.</source>
        <translation>%1 已关联。</translation>
    </message>
    <message>
        <source>There is no alarm %1 in the local cache.</source>
        <translation>本地缓存中没有告警 %1。</translation>
    </message>
    <message>
        <source>There is no element %1 in the local cache.</source>
        <translation>本地缓存中没有网元 %1。</translation>
    </message>
    <message>
        <source>Give the ticket a title.</source>
        <translation>请填写工单标题。</translation>
    </message>
    <message>
        <source>Nothing to save: the ticket is unchanged.</source>
        <translation>工单没有修改，无需保存。</translation>
    </message>
    <message>
        <source>Saved; it is sent to the server as soon as there is a connection.</source>
        <translation>已保存；连接可用时即发送到服务器。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2 — %3</source>
        <translation>%1 %2 — %3</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Status: %1 (%2)</source>
        <translation>状态：%1（%2）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source> · waiting to be sent</source>
        <translation> · 等待发送</translation>
    </message>
    <message>
        <source>Now %1; change to</source>
        <translation>当前“%1”，改为</translation>
    </message>
    <message>
        <source>Alarm id</source>
        <translation>告警 ID</translation>
    </message>
    <message>
        <source>Element id</source>
        <translation>网元 ID</translation>
    </message>
    <message>
        <source>The id of the alarm or element to link; Enter adds it</source>
        <translation>要关联的告警或网元 ID；按 Enter 添加</translation>
    </message>
    <message>
        <source>No notes or status changes yet.</source>
        <translation>尚无备注或状态变更。</translation>
    </message>
</context>
<context>
    <name>noc::TicketQueueModel</name>
    <message>
        <source>Critical</source>
        <comment>priority</comment>
        <translation>紧急</translation>
    </message>
    <message>
        <source>High</source>
        <comment>priority</comment>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <comment>priority</comment>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <comment>priority</comment>
        <translation>低</translation>
    </message>
    <message>
        <source>Critical</source>
        <comment>severity</comment>
        <translation>严重</translation>
    </message>
    <message>
        <source>Major</source>
        <comment>severity</comment>
        <translation>主要</translation>
    </message>
    <message>
        <source>Minor</source>
        <comment>severity</comment>
        <translation>次要</translation>
    </message>
    <message>
        <source>Warning</source>
        <comment>severity</comment>
        <translation>警告</translation>
    </message>
    <message>
        <source>Indeterminate</source>
        <comment>severity</comment>
        <translation>不确定</translation>
    </message>
    <message>
        <source>Cleared</source>
        <comment>severity</comment>
        <translation>已清除</translation>
    </message>
    <message>
        <source>My tickets</source>
        <translation>我的工单</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未指派</translation>
    </message>
    <message>
        <source>My team</source>
        <translation>本班组</translation>
    </message>
    <message>
        <source>SLA at risk</source>
        <translation>SLA 即将超时</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>SLA 超时</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>全部未结</translation>
    </message>
    <message>
        <source>Recently resolved</source>
        <translation>最近已解决</translation>
    </message>
    <message>
        <source>%1 · pending</source>
        <translation>%1 · 待同步</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>A local change waits to be confirmed by the server.</source>
        <translation>本地修改正在等待服务器确认。</translation>
    </message>
    <message>
        <source>Team: %1</source>
        <translation>班组：%1</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>截止 %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>No due time from the server: %1 h policy for priority %2.</source>
        <translation>服务器未提供截止时间：按优先级“%2”的 %1 小时策略计算。</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Element / site</source>
        <translation>网元 / 站点</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>SLA due</source>
        <translation>SLA 剩余</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>最后更新</translation>
    </message>
</context>
<context>
    <name>noc::TokenStore</name>
    <message>
        <source>Cannot read the token file %1: %2</source>
        <translation>无法读取令牌文件 %1：%2</translation>
    </message>
    <message>
        <source>The token file %1 is empty.</source>
        <translation>令牌文件 %1 为空。</translation>
    </message>
    <message>
        <source>No system keychain: the token is kept in %1, readable only by you.</source>
        <translation>没有系统钥匙串：令牌保存在 %1，仅您本人可读。</translation>
    </message>
    <message>
        <source>Cannot save the token to %1: %2</source>
        <translation>无法将令牌保存到 %1：%2</translation>
    </message>
    <message>
        <source>The token file %1 can be read by other users, so it is not used (a token is as good as a password). Make it readable only by you: chmod 600 %1</source>
        <translation>令牌文件 %1 可被其他用户读取，因此不会使用它（令牌与密码同样需要保密）。请将其设为仅您本人可读：chmod 600 %1</translation>
    </message>
</context>
<context>
    <name>noc::TopologyMapWidget</name>
    <message>
        <source>Cannot read the map data: %1</source>
        <translation>无法读取拓扑数据：%1</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全图</translation>
    </message>
    <message>
        <source>Show the whole network (Home)</source>
        <translation>显示整个网络（Home）</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>布局：</translation>
    </message>
    <message>
        <source>Geographic</source>
        <translation>地理布局</translation>
    </message>
    <message>
        <source>Force-directed</source>
        <translation>力导向布局</translation>
    </message>
    <message>
        <source>Layered</source>
        <translation>分层布局</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <source>Find an element or site by name or IP (Ctrl+F)</source>
        <translation>按名称或 IP 查找网元或站点（Ctrl+F）</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation>导出 SVG…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Element or site name, ID or IP address</source>
        <translation>网元或站点名称、ID 或 IP 地址</translation>
    </message>
    <message>
        <source>No topology loaded</source>
        <translation>未加载拓扑</translation>
    </message>
    <message>
        <source>Loading the network…</source>
        <translation>正在加载网络…</translation>
    </message>
    <message>
        <source>Inventory the map could not use as given</source>
        <translation>拓扑图无法直接使用的资源数据</translation>
    </message>
    <message>
        <source>Links to unknown elements: %1</source>
        <translation>指向未知网元的链路：%1</translation>
    </message>
    <message>
        <source>Links from an element to itself: %1</source>
        <translation>自环链路：%1</translation>
    </message>
    <message>
        <source>Elements without a site (grouped apart): %1</source>
        <translation>无站点的网元（单独分组）：%1</translation>
    </message>
    <message>
        <source>Sites without coordinates (placed near their links): %1</source>
        <translation>无坐标的站点（按连接关系放置）：%1</translation>
    </message>
    <message>
        <source>Duplicate IDs (first one used): %1</source>
        <translation>重复 ID（采用第一个）：%1</translation>
    </message>
    <message>
        <source>Inventory issues</source>
        <translation>资源数据问题</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>无匹配结果</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>Region %1</source>
        <translation>区域 %1</translation>
    </message>
    <message>
        <source>Site %1</source>
        <translation>站点 %1</translation>
    </message>
    <message>
        <source>Topology map</source>
        <translation>拓扑图</translation>
    </message>
    <message>
        <source>Export map as PNG</source>
        <translation>将拓扑图导出为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export map as SVG</source>
        <translation>将拓扑图导出为 SVG</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Print map</source>
        <translation>打印拓扑图</translation>
    </message>
    <message>
        <source>1 element</source>
        <translation>1 个网元</translation>
    </message>
    <message>
        <source>%L1 elements</source>
        <translation>%L1 个网元</translation>
    </message>
    <message>
        <source>1 link</source>
        <translation>1 条链路</translation>
    </message>
    <message>
        <source>%L1 links</source>
        <translation>%L1 条链路</translation>
    </message>
    <message>
        <source>1 inventory issue</source>
        <translation>1 个资源数据问题</translation>
    </message>
    <message>
        <source>%L1 inventory issues</source>
        <translation>%L1 个资源数据问题</translation>
    </message>
    <message>
        <source>Laying out 1 element…</source>
        <translation>正在布局 1 个网元…</translation>
    </message>
    <message>
        <source>Laying out %L1 elements…</source>
        <translation>正在布局 %L1 个网元…</translation>
    </message>
    <message>
        <source>Zoom in (+ or the mouse wheel)</source>
        <translation>放大（+ 或鼠标滚轮）</translation>
    </message>
    <message>
        <source>Zoom out (- or the mouse wheel)</source>
        <translation>缩小（- 或鼠标滚轮）</translation>
    </message>
    <message>
        <source>Data as of %1 — offline %2</source>
        <translation>数据截至 %1 — 已离线 %2</translation>
    </message>
    <message>
        <source>Data as of %1 — not updated for %2</source>
        <translation>数据截至 %1 — 已 %2 未更新</translation>
    </message>
    <message>
        <source>The element stays where it is: changes cannot be saved now (the status bar&apos;s tooltip says why).</source>
        <translation>网元保持在原位：目前无法保存更改（状态栏的提示说明了原因）。</translation>
    </message>
    <message>
        <source>Show alarms in the alarm list</source>
        <translation>在告警列表中显示其告警</translation>
    </message>
    <message>
        <source>Zoom to site %1</source>
        <translation>缩放到站点 %1</translation>
    </message>
    <message>
        <source>Unpin position</source>
        <translation>取消固定位置</translation>
    </message>
    <message>
        <source>Forget the position you gave this element: the next layout places it again</source>
        <translation>忘记您为此网元设定的位置：下次布局时将重新放置它</translation>
    </message>
</context>
<context>
    <name>noc::TopologyScene</name>
    <message>
        <source>Elements without a site</source>
        <translation>无站点网元</translation>
    </message>
    <message>
        <source>No region</source>
        <translation>无区域</translation>
    </message>
</context>
<context>
    <name>noc::TrendChart</name>
    <message>
        <source>Alarms raised per minute</source>
        <translation>每分钟新增</translation>
    </message>
    <message>
        <source>Active alarms</source>
        <translation>活动告警</translation>
    </message>
    <message>
        <source>Time (local), last 24 hours</source>
        <translation>时间（本地），最近 24 小时</translation>
    </message>
    <message>
        <source>Alarm trends</source>
        <translation>告警趋势</translation>
    </message>
</context>
<context>
    <name>noc::UnsavedWork</name>
    <message>
        <source>not a file of unsaved changes of this console version</source>
        <translation>不是此版本控制台的未保存更改文件</translation>
    </message>
</context>
<context>
    <name>noc::WorkloadView</name>
    <message>
        <source>Engineer / team</source>
        <translation>工程师 / 班组</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>SLA 超时</translation>
    </message>
    <message>
        <source>Oldest open</source>
        <translation>最久未结</translation>
    </message>
    <message>
        <source>%1 open tickets, %2 unassigned. Age of the open queue: %3 under 1 h, %4 of 1–4 h, %5 of 4–24 h, %6 older than a day.</source>
        <translation>未结工单 %1 张，未指派 %2 张。未结工单时长：1 小时内 %3 张，1–4 小时 %4 张，4–24 小时 %5 张，超过一天 %6 张。</translation>
    </message>
    <message>
        <source>Drag tickets from a queue onto an engineer to reassign them, or use &quot;Assign to&quot; in the queue&apos;s context menu.</source>
        <translation>将工单从队列拖到工程师上即可改派，或在队列的右键菜单中选择“指派给”。</translation>
    </message>
    <message>
        <source>Engineers</source>
        <translation>工程师</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>班组</translation>
    </message>
</context>
</TS>
