<div class="print-cover">
  <h1>{{ config.site_name }}</h1>
  <p class="print-cover__subtitle">{{ config.site_description }}</p>
  <p>Version {{ config.extra.release }} · released {{ config.extra.date_released }}</p>
  <p>{{ config.site_author }}{% if config.site_url %} · {{ config.site_url }}{% endif %}</p>
  <p>Text and figures: CC BY 4.0 · Code: MIT</p>
</div>
