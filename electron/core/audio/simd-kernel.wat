;; The import's hot loop in WebAssembly SIMD: per window of `spp` frames, the min/max pair of each channel and the
;; sum of squares (the voice-activity energy), eight 16-bit samples per instruction. V8 compiles the same loop in
;; JavaScript to one sample at a time with bounds checks (about 5 ns a sample; this runs well under 1).
;;
;; Compiled by scripts/build-wasm.mjs into simd-kernel-binary.ts; a unit test checks the two still match.
;; The JavaScript side (simd-kernel.ts) owns the memory layout and only ever passes whole windows, with `spp` a
;; multiple of 16, so every loop below runs on whole vectors.
;;
;; Results are exactly those of PeakAnalyser's JavaScript loops: min/max are exact, the sum of squares is summed
;; in 64-bit integers (exact) and divided by spp in f64 before rounding to f32, as `s / spp` stored in a
;; Float32Array is.
(module
  (memory (export "memory") 1)

  (func $energy (param $sum i64) (param $spp f64) (result f32)
    (f32.demote_f64 (f64.div (f64.convert_i64_u (local.get $sum)) (local.get $spp))))

  ;; Interleaved stereo 16-bit samples (L R L R …) at $in, $windows windows of $spp frames. Writes the min/max pairs
  ;; to $p0/$p1 (two i16 per window) and the mean squares to $e0/$e1 (one f32 per window).
  (func (export "windowsStereo")
    (param $in i32) (param $windows i32) (param $spp i32)
    (param $p0 i32) (param $p1 i32) (param $e0 i32) (param $e1 i32)
    (local $k i32) (local $v v128) (local $b v128) (local $d v128)
    (local $mn v128) (local $mx v128) (local $sl v128) (local $sr v128) (local $sppf f64)
    (local.set $sppf (f64.convert_i32_u (local.get $spp)))
    (block $done
      (loop $window
        (br_if $done (i32.eqz (local.get $windows)))
        (local.set $mn (v128.const i16x8 32767 32767 32767 32767 32767 32767 32767 32767))
        (local.set $mx (v128.const i16x8 -32768 -32768 -32768 -32768 -32768 -32768 -32768 -32768))
        (local.set $sl (v128.const i64x2 0 0))
        (local.set $sr (v128.const i64x2 0 0))
        ;; Four frames (eight samples) per vector.
        (local.set $k (i32.shr_u (local.get $spp) (i32.const 2)))
        (loop $vector
          (local.set $v (v128.load (local.get $in)))
          (local.set $mn (i16x8.min_s (local.get $mn) (local.get $v)))
          (local.set $mx (i16x8.max_s (local.get $mx) (local.get $v)))
          ;; L0 L1 L2 L3 R0 R1 R2 R3, so the dot product's low lanes are the left channel and its high lanes the right
          ;; (read as unsigned, as in windowsMono).
          (local.set $b (i8x16.shuffle 0 1 4 5 8 9 12 13 2 3 6 7 10 11 14 15 (local.get $v) (local.get $v)))
          (local.set $d (i32x4.dot_i16x8_s (local.get $b) (local.get $b)))
          (local.set $sl (i64x2.add (local.get $sl) (i64x2.extend_low_i32x4_u (local.get $d))))
          (local.set $sr (i64x2.add (local.get $sr) (i64x2.extend_high_i32x4_u (local.get $d))))
          (local.set $in (i32.add (local.get $in) (i32.const 16)))
          (br_if $vector (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
        ;; Even lanes are left, odd lanes right: fold the halves, then the 32-bit pairs, into lanes 0 and 1.
        (local.set $mn (i16x8.min_s (local.get $mn)
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $mn) (local.get $mn))))
        (local.set $mn (i16x8.min_s (local.get $mn)
          (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $mn) (local.get $mn))))
        (local.set $mx (i16x8.max_s (local.get $mx)
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $mx) (local.get $mx))))
        (local.set $mx (i16x8.max_s (local.get $mx)
          (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $mx) (local.get $mx))))
        (i32.store16 (local.get $p0) (i16x8.extract_lane_s 0 (local.get $mn)))
        (i32.store16 offset=2 (local.get $p0) (i16x8.extract_lane_s 0 (local.get $mx)))
        (i32.store16 (local.get $p1) (i16x8.extract_lane_s 1 (local.get $mn)))
        (i32.store16 offset=2 (local.get $p1) (i16x8.extract_lane_s 1 (local.get $mx)))
        (f32.store (local.get $e0)
          (call $energy
            (i64.add (i64x2.extract_lane 0 (local.get $sl)) (i64x2.extract_lane 1 (local.get $sl)))
            (local.get $sppf)))
        (f32.store (local.get $e1)
          (call $energy
            (i64.add (i64x2.extract_lane 0 (local.get $sr)) (i64x2.extract_lane 1 (local.get $sr)))
            (local.get $sppf)))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 4)))
        (local.set $p1 (i32.add (local.get $p1) (i32.const 4)))
        (local.set $e0 (i32.add (local.get $e0) (i32.const 4)))
        (local.set $e1 (i32.add (local.get $e1) (i32.const 4)))
        (local.set $windows (i32.sub (local.get $windows) (i32.const 1)))
        (br $window))))

  ;; One channel of 16-bit samples at $in, $windows windows of $spp samples.
  (func (export "windowsMono")
    (param $in i32) (param $windows i32) (param $spp i32) (param $p i32) (param $e i32)
    (local $k i32) (local $v v128) (local $d v128) (local $mn v128) (local $mx v128) (local $s v128) (local $sppf f64)
    (local.set $sppf (f64.convert_i32_u (local.get $spp)))
    (block $done
      (loop $window
        (br_if $done (i32.eqz (local.get $windows)))
        (local.set $mn (v128.const i16x8 32767 32767 32767 32767 32767 32767 32767 32767))
        (local.set $mx (v128.const i16x8 -32768 -32768 -32768 -32768 -32768 -32768 -32768 -32768))
        (local.set $s (v128.const i64x2 0 0))
        (local.set $k (i32.shr_u (local.get $spp) (i32.const 3)))
        (loop $vector
          (local.set $v (v128.load (local.get $in)))
          (local.set $mn (i16x8.min_s (local.get $mn) (local.get $v)))
          (local.set $mx (i16x8.max_s (local.get $mx) (local.get $v)))
          ;; dot_i16x8_s adds neighbouring squares; the only sum that does not fit a signed 32-bit lane is
          ;; (-32768)² + (-32768)² = 2³¹, which is right when read as unsigned.
          (local.set $d (i32x4.dot_i16x8_s (local.get $v) (local.get $v)))
          (local.set $s (i64x2.add (local.get $s) (i64x2.extend_low_i32x4_u (local.get $d))))
          (local.set $s (i64x2.add (local.get $s) (i64x2.extend_high_i32x4_u (local.get $d))))
          (local.set $in (i32.add (local.get $in) (i32.const 16)))
          (br_if $vector (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
        (local.set $mn (i16x8.min_s (local.get $mn)
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $mn) (local.get $mn))))
        (local.set $mn (i16x8.min_s (local.get $mn)
          (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $mn) (local.get $mn))))
        (local.set $mn (i16x8.min_s (local.get $mn)
          (i8x16.shuffle 2 3 0 1 6 7 4 5 10 11 8 9 14 15 12 13 (local.get $mn) (local.get $mn))))
        (local.set $mx (i16x8.max_s (local.get $mx)
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $mx) (local.get $mx))))
        (local.set $mx (i16x8.max_s (local.get $mx)
          (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $mx) (local.get $mx))))
        (local.set $mx (i16x8.max_s (local.get $mx)
          (i8x16.shuffle 2 3 0 1 6 7 4 5 10 11 8 9 14 15 12 13 (local.get $mx) (local.get $mx))))
        (i32.store16 (local.get $p) (i16x8.extract_lane_s 0 (local.get $mn)))
        (i32.store16 offset=2 (local.get $p) (i16x8.extract_lane_s 0 (local.get $mx)))
        (f32.store (local.get $e)
          (call $energy
            (i64.add (i64x2.extract_lane 0 (local.get $s)) (i64x2.extract_lane 1 (local.get $s)))
            (local.get $sppf)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $e (i32.add (local.get $e) (i32.const 4)))
        (local.set $windows (i32.sub (local.get $windows) (i32.const 1)))
        (br $window))))

  ;; G.711 A-law codes at $in → 16-bit samples at $out, sixteen at a time ($count a multiple of 16). Per code:
  ;; a = code ^ 0x55, e = bits 4–6, m = bits 0–3; magnitude (m·16 + 8 + (e ? 256 : 0)) · 2^max(e-1, 0);
  ;; positive when bit 7 of a is set. The per-exponent factors come from 8-entry byte tables (swizzle).
  (func (export "alawToS16") (param $in i32) (param $count i32) (param $out i32)
    (local $a v128) (local $e v128) (local $lo v128) (local $hi v128) (local $mul v128) (local $neg v128)
    (local $mag v128)
    (block $done
      (loop $vector
        (br_if $done (i32.le_s (local.get $count) (i32.const 0)))
        (local.set $a (v128.xor (v128.load (local.get $in)) (i8x16.splat (i32.const 0x55))))
        (local.set $e (v128.and (i8x16.shr_u (local.get $a) (i32.const 4)) (i8x16.splat (i32.const 7))))
        ;; Low byte m·16 + 8; high byte 1 when e > 0 (the +256).
        (local.set $lo (v128.or (i8x16.shl (local.get $a) (i32.const 4)) (i8x16.splat (i32.const 8))))
        (local.set $hi (i8x16.swizzle (v128.const i8x16 0 1 1 1 1 1 1 1 0 0 0 0 0 0 0 0) (local.get $e)))
        (local.set $mul (i8x16.swizzle (v128.const i8x16 1 1 2 4 8 16 32 64 0 0 0 0 0 0 0 0) (local.get $e)))
        ;; Bit 7 clear means negative: all ones in those lanes.
        (local.set $neg (i8x16.ge_s (local.get $a) (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)))
        ;; First eight codes.
        (local.set $mag (i16x8.mul
          (i8x16.shuffle 0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23 (local.get $lo) (local.get $hi))
          (i16x8.extend_low_i8x16_u (local.get $mul))))
        (v128.store (local.get $out)
          (v128.bitselect (i16x8.neg (local.get $mag)) (local.get $mag)
            (i16x8.extend_low_i8x16_s (local.get $neg))))
        ;; Last eight.
        (local.set $mag (i16x8.mul
          (i8x16.shuffle 8 24 9 25 10 26 11 27 12 28 13 29 14 30 15 31 (local.get $lo) (local.get $hi))
          (i16x8.extend_high_i8x16_u (local.get $mul))))
        (v128.store offset=16 (local.get $out)
          (v128.bitselect (i16x8.neg (local.get $mag)) (local.get $mag)
            (i16x8.extend_high_i8x16_s (local.get $neg))))
        (local.set $in (i32.add (local.get $in) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 32)))
        (local.set $count (i32.sub (local.get $count) (i32.const 16)))
        (br $vector))))

  ;; G.711 μ-law codes → 16-bit samples, sixteen at a time. Per code: u = ~code, e = bits 4–6, m = bits 0–3;
  ;; magnitude (m·8 + 132) · 2^e − 132, negative when bit 7 of u is set.
  (func (export "mulawToS16") (param $in i32) (param $count i32) (param $out i32)
    (local $u v128) (local $e v128) (local $base v128) (local $mul v128) (local $neg v128) (local $mag v128)
    (block $done
      (loop $vector
        (br_if $done (i32.le_s (local.get $count) (i32.const 0)))
        (local.set $u (v128.not (v128.load (local.get $in))))
        (local.set $e (v128.and (i8x16.shr_u (local.get $u) (i32.const 4)) (i8x16.splat (i32.const 7))))
        ;; m·8 + 132 is at most 252: one unsigned byte.
        (local.set $base (i8x16.add (i8x16.shl (v128.and (local.get $u) (i8x16.splat (i32.const 15))) (i32.const 3))
          (i8x16.splat (i32.const 132))))
        (local.set $mul (i8x16.swizzle (v128.const i8x16 1 2 4 8 16 32 64 128 0 0 0 0 0 0 0 0) (local.get $e)))
        (local.set $neg (i8x16.lt_s (local.get $u) (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)))
        (local.set $mag (i16x8.sub
          (i16x8.mul (i16x8.extend_low_i8x16_u (local.get $base)) (i16x8.extend_low_i8x16_u (local.get $mul)))
          (i16x8.splat (i32.const 132))))
        (v128.store (local.get $out)
          (v128.bitselect (i16x8.neg (local.get $mag)) (local.get $mag)
            (i16x8.extend_low_i8x16_s (local.get $neg))))
        (local.set $mag (i16x8.sub
          (i16x8.mul (i16x8.extend_high_i8x16_u (local.get $base)) (i16x8.extend_high_i8x16_u (local.get $mul)))
          (i16x8.splat (i32.const 132))))
        (v128.store offset=16 (local.get $out)
          (v128.bitselect (i16x8.neg (local.get $mag)) (local.get $mag)
            (i16x8.extend_high_i8x16_s (local.get $neg))))
        (local.set $in (i32.add (local.get $in) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 32)))
        (local.set $count (i32.sub (local.get $count) (i32.const 16)))
        (br $vector))))

  ;; Float samples (nominally -1..1) → 16-bit, as an Int16Array store after clamping does: ·32768, truncate toward
  ;; zero, saturate (NaN → 0). Written out in both functions below rather than called: V8 does not inline it.
  (func (export "f32ToS16") (param $in i32) (param $count i32) (param $out i32)
    (block $done
      (loop $vector
        (br_if $done (i32.le_s (local.get $count) (i32.const 0)))
        (v128.store (local.get $out)
          (i16x8.narrow_i32x4_s
            (i32x4.trunc_sat_f32x4_s (f32x4.mul (v128.load (local.get $in)) (f32x4.splat (f32.const 32768))))
            (i32x4.trunc_sat_f32x4_s (f32x4.mul (v128.load offset=16 (local.get $in)) (f32x4.splat (f32.const 32768))))))
        (local.set $in (i32.add (local.get $in) (i32.const 32)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $count (i32.sub (local.get $count) (i32.const 8)))
        (br $vector))))

  ;; Two planes of float frames at $left and $right → interleaved 16-bit stereo, four frames at a time.
  (func (export "f32PairToS16") (param $left i32) (param $right i32) (param $frames i32) (param $out i32)
    (local $v v128)
    (block $done
      (loop $vector
        (br_if $done (i32.le_s (local.get $frames) (i32.const 0)))
        ;; L0 L1 L2 L3 R0 R1 R2 R3 → L0 R0 L1 R1 L2 R2 L3 R3.
        (local.set $v
          (i16x8.narrow_i32x4_s
            (i32x4.trunc_sat_f32x4_s (f32x4.mul (v128.load (local.get $left)) (f32x4.splat (f32.const 32768))))
            (i32x4.trunc_sat_f32x4_s (f32x4.mul (v128.load (local.get $right)) (f32x4.splat (f32.const 32768))))))
        (v128.store (local.get $out)
          (i8x16.shuffle 0 1 8 9 2 3 10 11 4 5 12 13 6 7 14 15 (local.get $v) (local.get $v)))
        (local.set $left (i32.add (local.get $left) (i32.const 16)))
        (local.set $right (i32.add (local.get $right) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $frames (i32.sub (local.get $frames) (i32.const 4)))
        (br $vector))))
)
