#!/usr/bin/env bash
# Regenerates resources/sample/: a handful of short Mandarin calls (espeak-ng -v cmn + sox, MP3/Ogg via ffmpeg),
# their manifest.csv and an agents.csv roster. The committed files are what the app ships; run this only to change
# them. Stereo calls put the agent on channel 0 and the customer on channel 1.
#
# Each call is a list of turns "who gap_ms text". gap_ms is the pause after the latest end of speech so far;
# a negative gap starts this turn while the other side is still talking (talk-over), which is how the
# interruption call (抢话) is made; a gap above 5000 ms makes dead air.
set -euo pipefail
for tool in espeak-ng sox soxi ffmpeg; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }; done

out="$(cd "$(dirname "$0")/.." && pwd)/resources/sample"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out"/*.wav "$out"/*.mp3 "$out"/*.ogg "$out"/*.csv
rate=8000

# speak TEXT FILE: 8 kHz mono 16-bit speech with leading and trailing silence cut off.
speak() {
  espeak-ng -v cmn -s 210 -w "$work/raw.wav" "$1"
  sox "$work/raw.wav" -r $rate -c 1 -b 16 "$work/rs.wav"
  sox "$work/rs.wav" "$2" silence 1 0.02 1% reverse silence 1 0.02 1% reverse
}

# build NAME MODE: reads turns from stdin; MODE is stereo or mono. Writes $work/NAME.wav (16-bit PCM).
build() {
  local name=$1 mode=$2 who gap text end=0 i=0 start dur
  local -a agent=() customer=()
  while read -r who gap text; do
    [ -z "$who" ] && continue
    i=$((i + 1))
    speak "$text" "$work/u$i.wav"
    dur=$(soxi -D "$work/u$i.wav")
    start=$(awk -v e="$end" -v g="$gap" 'BEGIN { s = e + g / 1000; if (s < 0) s = 0; printf "%.3f", s }')
    sox "$work/u$i.wav" "$work/p$i.wav" pad "$start"
    end=$(awk -v e="$end" -v s="$start" -v d="$dur" 'BEGIN { x = s + d; printf "%.3f", (x > e ? x : e) }')
    if [ "$mode" = mono ] || [ "$who" = agent ]; then agent+=(-v 1 "$work/p$i.wav"); else customer+=(-v 1 "$work/p$i.wav"); fi
  done
  local total
  total=$(awk -v e="$end" 'BEGIN { printf "%.3f", e + 0.6 }')
  # A faint line hiss under each channel, as on a real trunk; -v 1 keeps sox -m from scaling the speech down.
  channel() {
    sox -n -r $rate -c 1 -b 16 "$work/noise-$1.wav" synth "$total" whitenoise vol 0.002
    sox -m -v 1 "$work/noise-$1.wav" "${@:2}" "$work/ch-$1.wav" trim 0 "$total"
  }
  channel a "${agent[@]}"
  if [ "$mode" = mono ]; then
    cp "$work/ch-a.wav" "$work/$name.wav"
  else
    channel c "${customer[@]}"
    sox -M "$work/ch-a.wav" "$work/ch-c.wav" "$work/$name.wav"
  fi
  rm -f "$work"/u*.wav "$work"/p*.wav "$work"/ch-*.wav "$work"/noise-*.wav
}

ff() { ffmpeg -loglevel error -y -i "$1" -map_metadata -1 -fflags +bitexact "${@:3}" "$2"; }

# 1. Clean call, Ogg Vorbis: strict turn-taking.
build s1 stereo <<'EOF'
agent 300 您好 请问有什么可以帮您
customer 600 我想查网站备案进度
agent 600 请您稍等
agent 1500 正在审核 三天内完成
customer 600 好的 谢谢
agent 500 不客气 再见
EOF
ff "$work/s1.wav" "$out/8001_20240305093000_S001.ogg" -c:a libvorbis -q:a 2

# 2. Talk-over, A-law WAV: the agent interrupts the customer (抢话).
build s2 stereo <<'EOF'
agent 300 您好 很高兴为您服务
customer 600 我的邮箱收不到邮件 已经试了好几次了
agent -1800 您别急 我看一下
customer 700 好的
agent 600 邮箱满了 清理一下就好
customer 500 好 再见
EOF
sox "$work/s2.wav" -e a-law "$out/8002_20240306101500_S002.wav"

# 3. Dead air, MP3: seven seconds of silence while the agent looks something up.
build s3 stereo <<'EOF'
agent 300 您好 请讲
customer 600 我想转移域名
agent 600 请稍等 我查一下
agent 7200 让您久等了
customer 600 要怎么办
agent 600 需要提交申请表
EOF
ff "$work/s3.wav" "$out/8003_20240307143000_S003.mp3" -c:a libmp3lame -b:a 16k

# 4. Mono 16-bit PCM WAV: one channel, so only dead air can be analysed.
build s4 mono <<'EOF'
agent 300 您好 请讲
customer 600 宽带上不了网
agent 700 请重启一下光猫
customer 900 好了 谢谢
agent 500 不客气 再见
EOF
cp "$work/s4.wav" "$out/8004_20240308091000_S004.wav"

# 5. Ogg Vorbis: a complaint in which the customer cuts in on the agent's apology.
build s5 stereo <<'EOF'
agent 300 您好 请讲
customer 600 师傅迟到了两个小时
agent 700 非常抱歉 给您带来不便
customer -1000 下次注意
agent 600 一定 感谢您的反馈
EOF
ff "$work/s5.wav" "$out/8005_20240311160000_S005.ogg" -c:a libvorbis -q:a 2

# 6. MP3: a short clean call from the second team.
build s6 stereo <<'EOF'
agent 300 您好 请讲
customer 700 网站续费多少钱
agent 600 一年三百八十元
customer 700 知道了 再见
EOF
ff "$work/s6.wav" "$out/8006_20240312110000_S006.mp3" -c:a libmp3lame -b:a 16k

cat >"$out/manifest.csv" <<'EOF'
通话编号,坐席工号,坐席姓名,开始时间,业务类别,主叫号码,文件名
S001,8001,张敏,2024-03-05 09:30:00,网站类,13800138001,8001_20240305093000_S001.ogg
S002,8002,李强,2024-03-06 10:15:00,邮箱类,13912345678,8002_20240306101500_S002.wav
S003,8003,王芳,2024-03-07 14:30:00,域名类,13698765432,8003_20240307143000_S003.mp3
S004,8004,刘洋,2024-03-08 09:10:00,服务类,15800001111,8004_20240308091000_S004.wav
S005,8002,李强,2024-03-11 16:00:00,服务类,18622223333,8005_20240311160000_S005.ogg
S006,8005,陈静,2024-03-12 11:00:00,网站类,13755556666,8006_20240312110000_S006.mp3
EOF

cat >"$out/agents.csv" <<'EOF'
工号,姓名,班组编号,班组
8001,张敏,T1,一组
8002,李强,T1,一组
8003,王芳,T1,一组
8004,刘洋,T2,二组
8005,陈静,T2,二组
8006,赵磊,T2,二组
EOF

du -ch "$out"/* | tail -n 1
